package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.subscriptions.CommandResult;
import com.chatplugify.webhooks.ingest.webhooks.WriteOutcome;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * How the API answers a webhook write: the owner's refusals as 404, 409 and 412 (with the webhook's current
 * {@code ETag}), and on success the written version's {@code ETag} and the {@code Routing-Status}.
 */
final class WebhookWriteAnswers {

    /** {@code routed}, {@code pending} or {@code refused}: whether events published now are routed with the change. */
    static final String ROUTING_STATUS = "Routing-Status";

    private WebhookWriteAnswers() {
    }

    /** The outcome of a write that applied; the refusal it is otherwise. */
    static CompletableFuture<WriteOutcome> applied(CompletableFuture<WriteOutcome> write) {
        return write.thenApply(WebhookWriteAnswers::applied);
    }

    private static WriteOutcome applied(WriteOutcome outcome) {
        CommandResult result = outcome.result();
        return switch (result.status()) {
            case APPLIED, UNCHANGED -> outcome;
            case NOT_FOUND -> throw ApiException.notFound(result.detail());
            case EXISTS -> throw new ApiException(409, "conflict", result.detail());
            case VERSION_MISMATCH -> throw ApiException.preconditionFailed(result.detail())
                    .withHeader(IfMatch.ETAG, IfMatch.etag(result.version()));
            case EXPIRED -> throw ApiException.unavailable(result.detail(), Duration.ofSeconds(1));
            case INVALID -> throw ApiException.badRequest("invalid_webhook", result.violations());
        };
    }

    /** Sets the headers of a successful write. */
    static void describe(Context ctx, WriteOutcome outcome) {
        if (outcome.result().webhook() != null) {
            ctx.header(IfMatch.ETAG, IfMatch.etag(outcome.result().webhook().version()));
        }
        if (outcome.routing() != null) {
            ctx.header(ROUTING_STATUS, outcome.routing().header());
        }
    }
}
