package com.chatplugify.webhooks.deliverer.retry;

import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Nothing waits forever: a delivery queued longer ago than {@code delivery.max-age} is not attempted, deferred or
 * re-appended any more but dead-lettered as {@code expired}, however many times it was deferred without an attempt
 * meanwhile; and no receiver's {@code Retry-After} makes a retry wait past that age.
 */
public final class DeliveryExpiry {

    private final Duration maxAge;
    private final Clock clock;

    public DeliveryExpiry(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** @param headers the record's, read */
    public boolean expired(ConsumerRecord<?, ?> record, DeliveryHeaders headers) {
        Instant now = clock.instant();
        return queuedAt(record, headers, now).plus(maxAge).isBefore(now);
    }

    /**
     * {@code retryAfter}, cut to the time the delivery has left before it expires: a longer wait would only hold it
     * past {@code delivery.max-age}, where it is expired without the retry it waited for.
     *
     * @param headers the record's, read
     */
    public Duration cappedRetryAfter(Duration retryAfter, ConsumerRecord<?, ?> record, DeliveryHeaders headers) {
        Instant now = clock.instant();
        Duration left = Duration.between(now, queuedAt(record, headers, now).plus(maxAge));
        if (left.isNegative()) {
            return Duration.ZERO;
        }
        return retryAfter.compareTo(left) > 0 ? left : retryAfter;
    }

    /** @param headers the record's, read */
    public boolean queuedBefore(ConsumerRecord<?, ?> record, DeliveryHeaders headers, Instant instant) {
        return queuedAt(record, headers, clock.instant()).isBefore(instant);
    }

    /**
     * When the delivery of {@code record} was first queued: its {@code queued-at} header, or, for a record that has
     * not moved yet, its own timestamp (never later than {@code now}).
     */
    static Instant queuedAt(ConsumerRecord<?, ?> record, DeliveryHeaders headers, Instant now) {
        Instant queuedAt = headers.queuedAt();
        if (queuedAt != null) {
            return queuedAt;
        }
        Instant appended = Instant.ofEpochMilli(record.timestamp());
        return appended.isAfter(now) ? now : appended;
    }
}
