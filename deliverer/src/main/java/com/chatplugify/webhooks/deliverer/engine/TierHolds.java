package com.chatplugify.webhooks.deliverer.engine;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;

/**
 * Retry-tier partitions whose head record is not due yet: until when each is held, and the records already read
 * from it, head first. The poll thread keeps them paused and sizes its poll timeout to the earliest hold, so a tier
 * costs nothing while it waits, and hands its records on from memory as they come due: the consumer's position is
 * already past them, so nothing is fetched or decoded twice. (Seeking back to the head instead made every record
 * due in a busy tier fetch and decode the whole rest of the tier's batch again.)
 *
 * <p>What waits per held partition is what one poll returned from it: at most one fetch of it, which the consumer's
 * {@code max.partition.fetch.bytes} (1 MiB) bounds. Those records are not taken, so nothing is committed past the
 * head: a revoked partition's records are dropped here and read again by its next owner.
 */
final class TierHolds {

    private final Map<TopicPartition, Held> held = new HashMap<>();

    /** Holds {@code partition} until {@code untilMs}, with its unread records from {@code head} on. */
    void hold(TopicPartition partition, long untilMs, ConsumerRecord<String, byte[]> head,
              Iterator<ConsumerRecord<String, byte[]>> rest) {
        Deque<ConsumerRecord<String, byte[]>> records = new ArrayDeque<>();
        records.add(head);
        rest.forEachRemaining(records::add);
        held.put(partition, new Held(untilMs, records));
    }

    /**
     * Hands the records of every partition whose hold is over to {@code visitor}, head first, until the visitor
     * holds the partition again; a partition with nothing left waiting is no longer held.
     */
    void releaseDue(long nowMs, RecordVisitor visitor) {
        List<TopicPartition> due = held.entrySet().stream()
                .filter(entry -> entry.getValue().untilMs() <= nowMs).map(Map.Entry::getKey).toList();
        for (TopicPartition partition : due) {
            Deque<ConsumerRecord<String, byte[]>> records = held.remove(partition).records();
            visitor.visit(partition, records.iterator());
        }
    }

    Set<TopicPartition> held() {
        return held.keySet();
    }

    /** Records read from {@code partition} and waiting here. */
    int waiting(TopicPartition partition) {
        Held entry = held.get(partition);
        return entry == null ? 0 : entry.records().size();
    }

    /** Milliseconds until the earliest hold ends, or {@link Long#MAX_VALUE} when none is held. */
    long millisToNextRelease(long nowMs) {
        long earliest = Long.MAX_VALUE;
        for (Held entry : held.values()) {
            earliest = Math.min(earliest, entry.untilMs());
        }
        return earliest == Long.MAX_VALUE ? Long.MAX_VALUE : Math.max(0, earliest - nowMs);
    }

    void forget(Collection<TopicPartition> partitions) {
        held.keySet().removeAll(partitions);
    }

    /** Takes a partition's records in order, holding the partition again at the first one not due. */
    @FunctionalInterface
    interface RecordVisitor {
        void visit(TopicPartition partition, Iterator<ConsumerRecord<String, byte[]>> records);
    }

    private record Held(long untilMs, Deque<ConsumerRecord<String, byte[]>> records) {
    }
}
