package com.chatplugify.webhooks.common.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Objects;

/**
 * One event bound for one webhook, as written by the router to {@code chatplugify.deliveries} (key = webhookId).
 * The same value travels unchanged through the retry tiers and the dead-letter topic; attempt bookkeeping
 * lives in record headers (see {@link DeliveryHeaders}).
 */
@JsonPropertyOrder({"webhookId", "workspaceId", "event"})
public record Delivery(String webhookId, String workspaceId, Event event) {

    public Delivery {
        Objects.requireNonNull(webhookId, "webhookId");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(event, "event");
    }
}
