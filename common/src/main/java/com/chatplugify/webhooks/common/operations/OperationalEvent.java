package com.chatplugify.webhooks.common.operations;

import com.chatplugify.webhooks.common.model.Ids;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Something that happened to a webhook, for its owner and the operators: a record of
 * {@code chatplugify.operational-events}, key = {@link #webhookId}. Shaped like an event (an {@code evt_} id, the
 * type in {@code event}, a timestamp, the workspace) with what happened in {@code data}.
 *
 * <ul>
 *   <li>{@value #WEBHOOK_DISABLED}: {@code reason} (a disable reason code, or {@code api}), {@code version}</li>
 *   <li>{@value #WEBHOOK_ENABLED}: {@code version}</li>
 *   <li>{@value #WEBHOOK_FAILING}: {@code failingSince}, {@code failures}, {@code lastStatus}, {@code lastError}</li>
 *   <li>{@value #WEBHOOK_RECOVERED}: {@code failingSince}, {@code failures}, {@code recoveredAt}</li>
 *   <li>{@value #DELIVERY_DEAD_LETTERED}: {@code count}, {@code reasons} (count by reason), {@code from}, {@code to}
 *       (the window they were dead-lettered in)</li>
 * </ul>
 */
@JsonPropertyOrder({"id", "event", "timestamp", "workspaceId", "webhookId", "data"})
public record OperationalEvent(String id, String event, Instant timestamp, String workspaceId, String webhookId,
                               Map<String, Object> data) {

    public static final String WEBHOOK_DISABLED = "webhook.disabled";
    public static final String WEBHOOK_ENABLED = "webhook.enabled";
    public static final String WEBHOOK_FAILING = "webhook.failing";
    public static final String WEBHOOK_RECOVERED = "webhook.recovered";
    public static final String DELIVERY_DEAD_LETTERED = "delivery.dead_lettered";
    /** Every type, in the order the documentation lists them. */
    public static final List<String> TYPES = List.of(WEBHOOK_DISABLED, WEBHOOK_ENABLED, WEBHOOK_FAILING,
            WEBHOOK_RECOVERED, DELIVERY_DEAD_LETTERED);

    public OperationalEvent {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(webhookId, "webhookId");
        data = data == null ? Map.of() : data;
    }

    /** A new event of {@code type} about a webhook, with a fresh id. */
    public static OperationalEvent of(String type, Instant at, String workspaceId, String webhookId,
                                      Map<String, Object> data) {
        return new OperationalEvent(Ids.newEventId(), type, at, workspaceId, webhookId, data);
    }
}
