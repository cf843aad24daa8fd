package com.chatplugify.webhooks.deliverer.retry;

import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Nothing waits forever: a delivery queued longer ago than {@code delivery.max-age} is not attempted, deferred or
 * re-appended any more but dead-lettered as {@code expired}, however many times it was deferred without an attempt
 * meanwhile; and one whose next retry would come due only after that age is dead-lettered at once.
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
     * Whether a retry {@code wait} from now would come due only once the delivery has expired: it would be dead-lettered
     * then without the attempt it waited for.
     *
     * @param headers the record's, read
     */
    public boolean outlasts(Duration wait, ConsumerRecord<?, ?> record, DeliveryHeaders headers) {
        Instant now = clock.instant();
        return !now.plus(wait).isBefore(queuedAt(record, headers, now).plus(maxAge));
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
