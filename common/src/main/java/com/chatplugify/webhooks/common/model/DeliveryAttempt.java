package com.chatplugify.webhooks.common.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * One delivery attempt as the deliverer records it in {@code chatplugify.delivery-attempts} (key = webhookId), the
 * delivery history behind {@code GET /v1/webhooks/{id}/attempts}. It holds no secret and no request header; the
 * response body is cut to its first {@link #MAX_RESPONSE_BODY_BYTES} bytes.
 *
 * @param attempt     the attempt's number for this delivery, from 1 (a replayed dead letter counts from 1 again)
 * @param attemptedAt when the request was sent
 * @param outcome     {@link #DELIVERED}, {@link #FAILED} (to be retried or dead-lettered), {@link #GONE} (410) or
 *                    {@link #REFUSED} (nothing sent: the endpoint is not one we deliver to)
 * @param status      the HTTP status, or null when no response came
 * @param error       what went wrong in words, or null when delivered
 * @param latencyMs   request sent to response read (or to the failure)
 * @param responseBody the start of the response body (UTF-8, malformed bytes replaced), or null when empty
 * @param tier        the retry tier the delivery was read from, 0 for {@code chatplugify.deliveries}
 * @param replayOf    the dead-letter entry a replayed delivery came from, or null
 */
@JsonPropertyOrder({"webhookId", "workspaceId", "eventId", "eventType", "attempt", "attemptedAt", "outcome", "status",
        "error", "latencyMs", "responseBody", "tier", "replayOf"})
public record DeliveryAttempt(String webhookId, String workspaceId, String eventId, String eventType, int attempt,
                              Instant attemptedAt, String outcome, Integer status, String error, long latencyMs,
                              String responseBody, int tier, String replayOf) {

    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String GONE = "gone";
    public static final String REFUSED = "refused";
    /** Every outcome. */
    public static final Set<String> OUTCOMES = Set.of(DELIVERED, FAILED, GONE, REFUSED);
    public static final int MAX_RESPONSE_BODY_BYTES = 4096;

    public DeliveryAttempt {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(attemptedAt, "attemptedAt");
        Objects.requireNonNull(outcome, "outcome");
    }

    /** The first {@link #MAX_RESPONSE_BODY_BYTES} bytes of {@code body} as text, or null when there are none. */
    public static String responseBody(byte[] body) {
        if (body == null || body.length == 0) {
            return null;
        }
        return new String(body, 0, Math.min(body.length, MAX_RESPONSE_BODY_BYTES), StandardCharsets.UTF_8);
    }
}
