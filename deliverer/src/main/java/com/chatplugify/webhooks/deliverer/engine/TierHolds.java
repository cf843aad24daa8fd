package com.chatplugify.webhooks.deliverer.engine;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * Retry-tier partitions whose head record is not due yet, and until when each is held. The poll thread keeps them
 * paused (its consumer seeked back to that head) and sizes its poll timeout to the earliest, so a tier costs
 * nothing while it waits and is read again as soon as it is due.
 */
final class TierHolds {

    private final Map<TopicPartition, Long> heldUntil = new HashMap<>();

    void hold(TopicPartition partition, long untilMs) {
        heldUntil.put(partition, untilMs);
    }

    void releaseDue(long nowMs) {
        heldUntil.values().removeIf(until -> until <= nowMs);
    }

    Set<TopicPartition> held() {
        return heldUntil.keySet();
    }

    /** Milliseconds until the earliest hold ends, or {@link Long#MAX_VALUE} when none is held. */
    long millisToNextRelease(long nowMs) {
        long earliest = Long.MAX_VALUE;
        for (long until : heldUntil.values()) {
            earliest = Math.min(earliest, until);
        }
        return earliest == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, earliest - nowMs);
    }

    void forget(Collection<TopicPartition> partitions) {
        heldUntil.keySet().removeAll(partitions);
    }
}
