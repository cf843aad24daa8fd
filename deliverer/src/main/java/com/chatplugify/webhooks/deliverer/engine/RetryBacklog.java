package com.chatplugify.webhooks.deliverer.engine;

import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.ToIntFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Records not yet consumed in each retry tier, over this instance's partitions, as of the last fetch: measured by
 * the poll thread about once a second, read by the metrics. Records read and held until due count as not consumed.
 */
final class RetryBacklog {

    private static final Duration INTERVAL = Duration.ofSeconds(1);

    private final AtomicLongArray byTier;
    private long lastMeasuredNanos = System.nanoTime() - INTERVAL.toNanos();

    RetryBacklog(int tiers) {
        this.byTier = new AtomicLongArray(tiers + 1);
    }

    /** {@code held}: records of a partition already read but held in memory until due. */
    void measureIfDue(Consumer<?, ?> consumer, Set<TopicPartition> assignment, ToIntFunction<TopicPartition> held) {
        long now = System.nanoTime();
        if (now - lastMeasuredNanos < INTERVAL.toNanos()) {
            return;
        }
        lastMeasuredNanos = now;
        long[] sums = new long[byTier.length()];
        for (TopicPartition partition : assignment) {
            int tier = Topics.tierOf(partition.topic());
            if (tier > 0 && tier < sums.length) {
                sums[tier] += consumer.currentLag(partition).orElse(0) + held.applyAsInt(partition);
            }
        }
        for (int tier = 1; tier < sums.length; tier++) {
            byTier.set(tier, sums[tier]);
        }
    }

    long of(int tier) {
        return byTier.get(tier);
    }
}
