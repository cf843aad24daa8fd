package com.chatplugify.webhooks.common.model;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The bookkeeping a delivery carries in its Kafka record headers through the retry tiers to the dead-letter topic,
 * and the one codec of those headers: the deliverer writes them, the dead-letter listing and replay read them, with
 * the same rules. Every value is UTF-8 text; a header that is absent, blank or unreadable reads as null, attempts
 * as 0.
 *
 * @param attempts        attempts made so far
 * @param dueAt           when a retry-tier record may be attempted again
 * @param queuedAt        when the delivery was first queued: its record's timestamp in {@code chatplugify.deliveries}
 * @param reason          why it is in the dead-letter topic, e.g. {@code retries_exhausted}
 * @param lastStatus      the HTTP status of the last attempt, when one was received
 * @param lastError       what went wrong in the last attempt, in words
 * @param failedAt        when it was dead-lettered
 * @param originTopic     where it was read from when it was dead-lettered
 * @param replayOf        on a replayed delivery: the dead-letter entry it came from ({@code partition-offset})
 */
public record DeliveryHeaders(int attempts, Instant dueAt, Instant queuedAt, String reason, Integer lastStatus,
                              String lastError, Instant failedAt, String originTopic, Integer originPartition,
                              Long originOffset, String replayOf) {

    /** Attempts made so far (decimal). */
    public static final String ATTEMPTS = "attempts";
    /** When the record may be attempted again, epoch milliseconds (decimal); set on retry-tier records. */
    public static final String DUE_AT = "due-at";
    /**
     * When the delivery was first queued, epoch milliseconds (decimal): the timestamp of its record in
     * {@code chatplugify.deliveries}, carried through the retry tiers to the DLQ; {@code delivery.max-age} counts
     * from it.
     */
    public static final String QUEUED_AT = "queued-at";
    /** Why the record is in the dead-letter topic, e.g. {@code retries_exhausted}. */
    public static final String REASON = "reason";
    /** HTTP status of the last attempt, when one was received. */
    public static final String LAST_STATUS = "last-status";
    /** What went wrong in the last attempt, in words. */
    public static final String LAST_ERROR = "last-error";
    /** When the record was dead-lettered, ISO-8601. */
    public static final String FAILED_AT = "failed-at";
    /** Where the record was read from when it was dead-lettered. */
    public static final String ORIGIN_TOPIC = "origin-topic";
    public static final String ORIGIN_PARTITION = "origin-partition";
    public static final String ORIGIN_OFFSET = "origin-offset";
    /** On a replayed delivery: the dead-letter entry it came from ({@code partition-offset}). */
    public static final String REPLAY_OF = "replay-of";

    /** Longest {@code last-error} written. */
    public static final int MAX_ERROR_CHARS = 1000;

    /** Reads the bookkeeping of a record's headers. */
    public static DeliveryHeaders readFrom(Headers headers) {
        Long attempts = number(headers, ATTEMPTS);
        return new DeliveryHeaders(attempts == null || attempts < 0 || attempts > Integer.MAX_VALUE ? 0 : attempts.intValue(),
                epochMillis(headers, DUE_AT), epochMillis(headers, QUEUED_AT), text(headers, REASON),
                integer(headers, LAST_STATUS), text(headers, LAST_ERROR), isoInstant(headers, FAILED_AT),
                text(headers, ORIGIN_TOPIC), integer(headers, ORIGIN_PARTITION), number(headers, ORIGIN_OFFSET),
                text(headers, REPLAY_OF));
    }

    /**
     * Replaces every header of this bookkeeping in {@code headers} with this one's value, or removes it where the
     * value is null; other headers are left as they are.
     */
    public void writeTo(Headers headers) {
        set(headers, ATTEMPTS, Integer.toString(attempts));
        set(headers, DUE_AT, dueAt == null ? null : Long.toString(dueAt.toEpochMilli()));
        set(headers, QUEUED_AT, queuedAt == null ? null : Long.toString(queuedAt.toEpochMilli()));
        set(headers, REASON, reason);
        set(headers, LAST_STATUS, lastStatus == null ? null : lastStatus.toString());
        set(headers, LAST_ERROR, lastError);
        set(headers, FAILED_AT, failedAt == null ? null : failedAt.toString());
        set(headers, ORIGIN_TOPIC, originTopic);
        set(headers, ORIGIN_PARTITION, originPartition == null ? null : originPartition.toString());
        set(headers, ORIGIN_OFFSET, originOffset == null ? null : originOffset.toString());
        set(headers, REPLAY_OF, replayOf);
    }

    /** Moved to a retry tier, due at {@code dueAt}, after {@code attempts} attempts: no dead-letter fields. */
    public DeliveryHeaders inTier(int attempts, Instant dueAt) {
        return new DeliveryHeaders(attempts, dueAt, queuedAt, null, lastStatus, lastError, null, null, null, null,
                replayOf);
    }

    /** Parked in the dead-letter topic for {@code reason}, from where it was read. */
    public DeliveryHeaders deadLettered(String reason, int attempts, Instant failedAt, String fromTopic,
                                        int fromPartition, long fromOffset) {
        return new DeliveryHeaders(attempts, null, queuedAt, reason, lastStatus, lastError, failedAt, fromTopic,
                fromPartition, fromOffset, replayOf);
    }

    /**
     * After an attempt that got {@code status} (null without a response) and failed with {@code error}: a null
     * status with an error clears the previous status; null both keep the previous attempt's. An error longer than
     * {@link #MAX_ERROR_CHARS} is cut: error texts come from receivers and libraries, unbounded.
     */
    public DeliveryHeaders lastAttempt(Integer status, String error) {
        Integer newStatus = status != null ? status : error != null ? null : lastStatus;
        String newError = error == null ? lastError
                : error.length() <= MAX_ERROR_CHARS ? error : error.substring(0, MAX_ERROR_CHARS) + "…";
        return new DeliveryHeaders(attempts, dueAt, queuedAt, reason, newStatus, newError, failedAt, originTopic,
                originPartition, originOffset, replayOf);
    }

    public DeliveryHeaders queuedSince(Instant queuedAt) {
        return new DeliveryHeaders(attempts, dueAt, queuedAt, reason, lastStatus, lastError, failedAt, originTopic,
                originPartition, originOffset, replayOf);
    }

    private static void set(Headers headers, String name, String value) {
        headers.remove(name);
        if (value != null) {
            headers.add(name, value.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String text(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        if (header == null || header.value() == null) {
            return null;
        }
        String text = new String(header.value(), StandardCharsets.UTF_8).trim();
        return text.isEmpty() ? null : text;
    }

    private static Long number(Headers headers, String name) {
        String text = text(headers, name);
        try {
            return text == null ? null : Long.parseLong(text);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Integer integer(Headers headers, String name) {
        Long value = number(headers, name);
        return value == null || value > Integer.MAX_VALUE || value < Integer.MIN_VALUE ? null : value.intValue();
    }

    private static Instant epochMillis(Headers headers, String name) {
        Long millis = number(headers, name);
        return millis == null ? null : Instant.ofEpochMilli(millis);
    }

    private static Instant isoInstant(Headers headers, String name) {
        String text = text(headers, name);
        try {
            return text == null ? null : Instant.parse(text);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
