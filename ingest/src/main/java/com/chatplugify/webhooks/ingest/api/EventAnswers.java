package com.chatplugify.webhooks.ingest.api;

import io.javalin.http.Context;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeoutException;

/** How {@code POST /v1/events} and {@code /v1/events/batch} answer what became of their events. */
final class EventAnswers {

    /** Set on an answer repeated from an earlier call with the same Idempotency-Key, which published nothing now. */
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    /**
     * How long a call that found its Idempotency-Key in use is told to wait: the shortest {@code Retry-After} can say.
     * The call holding the key settles it within milliseconds, as a rule; its lease, the latest it can hold the key,
     * lasts three publish timeouts, which a client would wait for nothing.
     */
    static final Duration KEY_IN_USE_RETRY_AFTER = Duration.ofSeconds(1);

    private EventAnswers() {
    }

    static void answer(Context ctx, Publication publication, boolean batch) {
        if (publication instanceof Publication.Published published) {
            if (published.replayed()) {
                ctx.header(REPLAYED_HEADER, "true");
            }
            ctx.status(202).json(batch ? Map.of("ids", published.ids()) : Map.of("id", published.ids().get(0)));
        } else if (publication instanceof Publication.PartlyPublished partly) {
            throw ApiException.unavailable(partlyWritten(partly), ApiErrors.BROKER_RETRY_AFTER);
        } else if (publication instanceof Publication.KeyReused reused) {
            throw new ApiException(409, "idempotency_key_reused", "this Idempotency-Key was used with another request "
                    + "(another body or route) and is remembered until " + reused.until() + "; use a new key for a "
                    + "new request");
        } else if (publication instanceof Publication.KeyInUse inUse) {
            throw new ApiException(409, "idempotency_key_in_use", "a request with this Idempotency-Key is being "
                    + "published now; retry once it is done (at the latest at " + inUse.until() + ") to get its answer")
                    .withHeader("Retry-After", Long.toString(KEY_IN_USE_RETRY_AFTER.toSeconds()));
        } else if (publication instanceof Publication.KeyUnanswered unanswered) {
            throw ApiException.unavailable("the Idempotency-Key could not be claimed ("
                    + unanswered.cause().getClass().getSimpleName() + "); nothing was published by this call: retry "
                    + "with the same key", ApiErrors.BROKER_RETRY_AFTER);
        }
    }

    /** Which events the broker acknowledged and which it may or may not have, each with its index and id. */
    private static Map<String, Object> partlyWritten(Publication.PartlyPublished partly) {
        List<Map<String, Object>> accepted = new ArrayList<>();
        List<Map<String, Object>> notAccepted = new ArrayList<>();
        for (int index = 0; index < partly.ids().size(); index++) {
            (partly.accepted().contains(index) ? accepted : notAccepted)
                    .add(Map.of("index", index, "id", partly.ids().get(index)));
        }
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("message", (partly.cause() instanceof TimeoutException
                ? "Kafka did not acknowledge every event in time"
                : "Kafka did not write every event (" + partly.cause().getClass().getSimpleName() + ")")
                + ": those under accepted are written; those under notAccepted may or may not be. Retry with the same "
                + "Idempotency-Key, or the same ids, so that nothing is delivered twice under different ids");
        detail.put("accepted", accepted);
        detail.put("notAccepted", notAccepted);
        return detail;
    }
}
