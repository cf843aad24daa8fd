package com.chatplugify.webhooks.common.model;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.Objects;

/**
 * A domain event as it travels on {@code chatplugify.events}: key = {@code workspaceId}.
 *
 * @param id          unique and stable forever; the receiver's idempotency key ({@code webhook-id})
 * @param event       one of {@link EventTypes#ALL}
 * @param timestamp   when it happened, UTC
 * @param workspaceId the workspace whose webhooks may receive it
 * @param data        the event's object, passed to receivers as is
 */
@JsonPropertyOrder({"id", "event", "timestamp", "workspaceId", "data"})
public record Event(String id, String event, Instant timestamp, String workspaceId, ObjectNode data) {

    public Event {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(timestamp, "timestamp");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(data, "data");
    }
}
