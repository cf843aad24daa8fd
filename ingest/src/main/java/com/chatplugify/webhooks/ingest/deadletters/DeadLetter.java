package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * One record of {@code chatplugify.deliveries.dlq}, read with what the deliverer wrote in its headers.
 *
 * @param id             {@code <partition>-<offset>} of the record: stable for as long as the record is retained
 * @param deadLetteredAt the record's timestamp; what {@code from}/{@code to} filters and ordering use
 * @param delivery       the delivery that failed, or null when the record could not be read as one
 * @param webhookId      the delivery's webhook, or the record's key when the delivery is unreadable
 * @param failedAt       the {@code failed-at} header, or null when absent or unreadable
 * @param replayOf       the dead letter this delivery was itself a replay of, or null
 * @param value          the record's value, written back unchanged by a replay
 */
public record DeadLetter(String id, int partition, long offset, Instant deadLetteredAt, Delivery delivery,
                         String webhookId, String reason, int attempts, Integer lastStatus, String lastError,
                         Instant failedAt, String originTopic, Integer originPartition, Long originOffset,
                         String replayOf, byte[] value) {

    private static final JsonSerde<Delivery> SERDE = new JsonSerde<>(Delivery.class);

    /** The id of the record at {@code offset} of {@code partition}. */
    public static String idOf(int partition, long offset) {
        return partition + "-" + offset;
    }

    public static DeadLetter from(ConsumerRecord<String, byte[]> record) {
        Delivery delivery = null;
        try {
            delivery = SERDE.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            // Kept as unreadable: listed with its headers, never replayed.
        }
        DeliveryHeaders trail = DeliveryHeaders.readFrom(record.headers());
        return new DeadLetter(idOf(record.partition(), record.offset()), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), delivery,
                delivery != null ? delivery.webhookId() : record.key(), trail.reason(), trail.attempts(),
                trail.lastStatus(), trail.lastError(), trail.failedAt(), trail.originTopic(), trail.originPartition(),
                trail.originOffset(), trail.replayOf(), record.value());
    }

    /** The event type of the delivery, or null when unreadable. */
    public String eventType() {
        return delivery == null ? null : delivery.event().event();
    }

    public boolean readable() {
        return delivery != null;
    }
}
