package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.Delivery;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;

/** The JSON body a receiver gets: {@code id, event, timestamp, data, webhookId}. */
@JsonPropertyOrder({"id", "event", "timestamp", "data", "webhookId"})
public record ReceiverPayload(String id, String event, Instant timestamp, ObjectNode data, String webhookId) {

    private static final ObjectWriter WRITER = Json.mapper().writerFor(ReceiverPayload.class);

    public static ReceiverPayload of(Delivery delivery) {
        return new ReceiverPayload(delivery.event().id(), delivery.event().event(), delivery.event().timestamp(),
                delivery.event().data(), delivery.webhookId());
    }

    public byte[] toBytes() {
        try {
            return WRITER.writeValueAsBytes(this);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
