package com.chatplugify.webhooks.deliverer.retry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Nothing waits forever: a delivery queued longer ago than {@code delivery.max-age} is not attempted or deferred any
 * more but dead-lettered as {@code expired}, however many times it was deferred without an attempt meanwhile.
 */
public final class DeliveryExpiry {

    private final Duration maxAge;
    private final Clock clock;

    public DeliveryExpiry(Duration maxAge, Clock clock) {
        this.maxAge = maxAge;
        this.clock = clock;
    }

    public boolean expired(ConsumerRecord<?, ?> record) {
        Instant now = clock.instant();
        return RetryHeaders.queuedAt(record, now).plus(maxAge).isBefore(now);
    }
}
