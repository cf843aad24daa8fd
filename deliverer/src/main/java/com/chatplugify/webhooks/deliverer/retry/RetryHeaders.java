package com.chatplugify.webhooks.deliverer.retry;

import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/** Reads and writes the attempt bookkeeping a delivery carries in its record headers ({@link DeliveryHeaders}). */
public final class RetryHeaders {

    /** Headers set afresh at every move; all others (e.g. {@code replay-of}) travel along unchanged. */
    private static final Set<String> RESET_ON_MOVE = Set.of(DeliveryHeaders.ATTEMPTS, DeliveryHeaders.DUE_AT,
            DeliveryHeaders.REASON, DeliveryHeaders.FAILED_AT, DeliveryHeaders.ORIGIN_TOPIC,
            DeliveryHeaders.ORIGIN_PARTITION, DeliveryHeaders.ORIGIN_OFFSET);

    private RetryHeaders() {
    }

    /** Attempts made so far; 0 when absent (a fresh or replayed delivery) or unreadable. */
    public static int attempts(Headers headers) {
        return last(headers, DeliveryHeaders.ATTEMPTS).map(RetryHeaders::parseIntOrZero).orElse(0);
    }

    public static Optional<Instant> dueAt(Headers headers) {
        return epochMillis(headers, DeliveryHeaders.DUE_AT);
    }

    /**
     * When the delivery of {@code record} was first queued: its {@code queued-at} header, or, for a record that has
     * not moved yet, its own timestamp (never later than {@code now}).
     */
    public static Instant queuedAt(ConsumerRecord<?, ?> record, Instant now) {
        return epochMillis(record.headers(), DeliveryHeaders.QUEUED_AT).orElseGet(() -> {
            Instant appended = Instant.ofEpochMilli(record.timestamp());
            return appended.isAfter(now) ? now : appended;
        });
    }

    private static Optional<Instant> epochMillis(Headers headers, String name) {
        return last(headers, name).flatMap(text -> {
            try {
                return Optional.of(Instant.ofEpochMilli(Long.parseLong(text)));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    public static Optional<String> last(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null
                ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    /** A copy of {@code headers} without those that every move sets afresh. */
    public static Headers carried(Headers headers) {
        RecordHeaders copy = new RecordHeaders();
        for (Header header : headers) {
            if (!RESET_ON_MOVE.contains(header.key())) {
                copy.add(header);
            }
        }
        return copy;
    }

    /** Replaces every {@code name} header with one holding {@code value}. */
    public static void set(Headers headers, String name, String value) {
        headers.remove(name);
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static int parseIntOrZero(String text) {
        try {
            return Math.max(0, Integer.parseInt(text.trim()));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
