package com.chatplugify.webhooks.app.reliability;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Follows the dead-letter topic and keeps, for the webhooks of one test, which (event, webhook) landed there and why. */
final class DeadLetterTail implements AutoCloseable {

    private final TopicRecords tail;

    DeadLetterTail(String bootstrapServers, Set<String> webhookIds) {
        Set<String> ours = Set.copyOf(webhookIds);
        this.tail = new TopicRecords(bootstrapServers, Topics.DLQ, record -> ours.contains(record.key()));
    }

    /** Reads what arrived since the last call; returns every dead letter of the test's webhooks seen so far. */
    Map<DeliveryPair, String> poll() {
        Map<DeliveryPair, String> reasons = new HashMap<>();
        for (ConsumerRecord<String, byte[]> record : tail.poll()) {
            String error = TopicRecords.header(record, DeliveryHeaders.LAST_ERROR);
            reasons.put(new DeliveryPair(eventId(record.value()), record.key()),
                    TopicRecords.header(record, DeliveryHeaders.REASON) + (error == null ? "" : " (" + error + ")"));
        }
        return reasons;
    }

    @Override
    public void close() {
        tail.close();
    }

    private static String eventId(byte[] delivery) {
        try {
            return Json.mapper().readTree(delivery).path("event").path("id").asText();
        } catch (IOException e) {
            throw new UncheckedIOException("A dead letter of the test is not a delivery", e);
        }
    }
}
