package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Header;

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
                         String webhookId, String reason, Integer attempts, Integer lastStatus, String lastError,
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
        return new DeadLetter(idOf(record.partition(), record.offset()), record.partition(), record.offset(),
                Instant.ofEpochMilli(record.timestamp()), delivery,
                delivery != null ? delivery.webhookId() : record.key(),
                text(record, DeliveryHeaders.REASON), integer(record, DeliveryHeaders.ATTEMPTS),
                integer(record, DeliveryHeaders.LAST_STATUS), text(record, DeliveryHeaders.LAST_ERROR),
                instant(record, DeliveryHeaders.FAILED_AT), text(record, DeliveryHeaders.ORIGIN_TOPIC),
                integer(record, DeliveryHeaders.ORIGIN_PARTITION), longValue(record, DeliveryHeaders.ORIGIN_OFFSET),
                text(record, DeliveryHeaders.REPLAY_OF), record.value());
    }

    /** The event type of the delivery, or null when unreadable. */
    public String eventType() {
        return delivery == null ? null : delivery.event().event();
    }

    public boolean readable() {
        return delivery != null;
    }

    private static String text(ConsumerRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8);
        return text.isEmpty() ? null : text;
    }

    private static Integer integer(ConsumerRecord<String, byte[]> record, String name) {
        Long value = longValue(record, name);
        return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
    }

    private static Long longValue(ConsumerRecord<String, byte[]> record, String name) {
        String text = text(record, name);
        try {
            return text == null ? null : Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Instant instant(ConsumerRecord<String, byte[]> record, String name) {
        String text = text(record, name);
        try {
            return text == null ? null : Instant.parse(text.trim());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
