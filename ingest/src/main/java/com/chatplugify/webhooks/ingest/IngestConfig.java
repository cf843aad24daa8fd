package com.chatplugify.webhooks.ingest;

import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import com.chatplugify.webhooks.common.config.ConfigValidators;
import com.chatplugify.webhooks.ingest.api.ApiLimits;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration keys of the ingest role (the /v1 API) and of dead-letter replay, which the CLI shares. */
public final class IngestConfig {

    public static final String SECRET_ROTATION_GRACE = "webhooks.secret-rotation.grace";
    public static final String PUBLISH_TIMEOUT = "api.publish-timeout";
    public static final String MAX_IN_FLIGHT_BYTES = "api.max-in-flight-bytes";
    public static final String ROUTING_WAIT = "api.routing-wait";
    public static final String OWNER_GROUP_ID = "ingest.owner.group-id";
    public static final String TOKENS_MAX_STALENESS = "api.tokens.max-staleness";
    public static final String REPLAY_RATE_PER_SECOND = "replay.rate-per-second";
    public static final String HISTORY_ATTEMPTS_PER_WEBHOOK = "history.attempts-per-webhook";
    public static final String HISTORY_MAX_BYTES = "history.max-bytes";
    public static final String HISTORY_MAX_WEBHOOKS = "history.max-webhooks";
    public static final String HISTORY_LOOKBACK = "history.lookback";
    public static final String EVENTS_VALIDATE_DATA = "events.validate-data";
    public static final String IDEMPOTENCY_WINDOW = "api.idempotency.window";
    public static final String IDEMPOTENCY_APPLICATION_ID = "ingest.idempotency.application-id";
    public static final String OPERATIONAL_EVENTS_WEBHOOK_ID = "operational-events.webhook-id";

    private IngestConfig() {
    }

    public static ConfigDef define(ConfigDef definition) {
        return definition
                .define(SECRET_ROTATION_GRACE, Type.STRING, "24h", ConfigValidators.duration(Duration.ZERO), MEDIUM,
                        "After POST /v1/webhooks/{id}/rotate-secret, how long the replaced secret keeps signing "
                                + "deliveries beside the new one, so receivers can switch without failing any.")
                .define(PUBLISH_TIMEOUT, Type.STRING, "10s", ConfigValidators.duration(Duration.ofSeconds(1)), MEDIUM,
                        "Longest the API waits for the broker to acknowledge events, and for the subscriptions' owner "
                                + "to apply a webhook change (which expires then); past it the call answers 503 with "
                                + "Retry-After. Also bounds how long a write may block when the broker is down.")
                .define(ROUTING_WAIT, Type.STRING, "5s", ConfigValidators.duration(Duration.ZERO), MEDIUM,
                        "After a webhook change is applied, longest the API waits for the router to confirm that it "
                                + "routes with it before answering; the answer's Routing-Status header says routed, or "
                                + "pending when the router did not confirm in time (events published then may miss "
                                + "the change). 0s answers without waiting.")
                .define(TOKENS_MAX_STALENESS, Type.STRING, "10s", ConfigValidators.duration(Duration.ofSeconds(2)),
                        MEDIUM, "Longest a revoked workspace token may still be accepted by an ingest instance. Each "
                                + "instance confirms about once a second that its copy of chatplugify.api-tokens is "
                                + "current; one that has not managed to for this long refuses every workspace token "
                                + "(503 with Retry-After) until it has. The admin token (api.token) is not affected.")
                .define(OWNER_GROUP_ID, Type.STRING, "chatplugify-webhooks-subscription-owner",
                        new ConfigDef.NonEmptyString(), LOW,
                        "Consumer group of the subscriptions' owner, which runs in every ingest instance of one "
                                + "deployment and applies every webhook change, one owner per partition of "
                                + "chatplugify.subscription-commands.")
                .define(MAX_IN_FLIGHT_BYTES, Type.LONG, 64L * 1024 * 1024,
                        Range.between(ApiLimits.MAX_BATCH_BYTES, Integer.MAX_VALUE), MEDIUM,
                        "Bytes of events the API may hold while waiting for the broker; beyond it, calls answer 503 "
                                + "with Retry-After instead of queueing. Also the API producer's buffer.memory.")
                .define(REPLAY_RATE_PER_SECOND, Type.INT, 200, Range.between(1, 100_000), LOW,
                        "Most dead letters re-delivered per second by a replay, from the API or bin/webhooks replay, "
                                + "so that a replay does not flood the endpoints that just recovered.")
                .define(HISTORY_ATTEMPTS_PER_WEBHOOK, Type.INT, 200, Range.between(1, 100_000), MEDIUM,
                        "Delivery attempts the API keeps in memory per webhook for GET /v1/webhooks/{id}/attempts and "
                                + "GET /v1/events/{id}/attempts; older ones are no longer listed.")
                .define(HISTORY_MAX_BYTES, Type.LONG, 64L * 1024 * 1024, Range.between(1L << 20, 1L << 40), MEDIUM,
                        "Memory (estimated) the delivery history may use for attempts, all webhooks together; beyond "
                                + "it the oldest attempts are forgotten first.")
                .define(HISTORY_MAX_WEBHOOKS, Type.INT, 10_000, Range.between(1, 10_000_000), LOW,
                        "Webhooks whose history and hourly statistics (up to about 3 KiB each) are kept; beyond it those "
                                + "without an attempt for the longest are forgotten.")
                .define(EVENTS_VALIDATE_DATA, Type.BOOLEAN, false, MEDIUM,
                        "Whether POST /v1/events and /v1/events/batch check each event's data against the JSON Schema "
                                + "of its type (GET /v1/event-types) and refuse, with a 400 naming the path and the "
                                + "rule, data that breaks it. Off, data is the publisher's own and never checked.")
                .define(IDEMPOTENCY_WINDOW, Type.STRING, "24h", ConfigValidators.duration(Duration.ofSeconds(1)),
                        MEDIUM, "How long an Idempotency-Key of POST /v1/events and /v1/events/batch is remembered "
                                + "after its first use: a retry within it with the same body is answered with the same "
                                + "ids and publishes nothing again; after it the key may be used afresh. A key's window is that of the "
                                + "instance that received its first use.")
                .define(IDEMPOTENCY_APPLICATION_ID, Type.STRING, "chatplugify-webhooks-idempotency",
                        new ConfigDef.NonEmptyString(), LOW,
                        "Kafka Streams application id (consumer group and prefix of the changelog topics) of the "
                                + "idempotency keys' owners, which run in every ingest instance of one deployment.")
                .define(HISTORY_LOOKBACK, Type.STRING, "24h", ConfigValidators.duration(Duration.ZERO), LOW,
                        "How far back in chatplugify.delivery-attempts the API reads at start-up (at most the "
                                + "topic's retention, topics.attempts.retention); 0s shows only attempts made after it.")
                .define(OPERATIONAL_EVENTS_WEBHOOK_ID, Type.STRING, "", LOW,
                        "The id of a webhook (an operator's) that receives every operational event "
                                + "(webhook.disabled, webhook.enabled, webhook.failing, webhook.recovered, "
                                + "delivery.dead_lettered) as a delivery, signed, retried and dead-lettered like any "
                                + "other; events about that webhook itself are not sent to it. Empty: none.");
    }
}
