package com.chatplugify.webhooks.deliverer.engine;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread's books: a {@link PartitionTracker} per assigned partition, how many deliveries are held in
 * memory, and the commits of what is durable. Only the poll thread uses it (the buffered count is also read by
 * the metrics).
 */
final class OffsetLedger {

    private static final Logger log = LoggerFactory.getLogger(OffsetLedger.class);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);

    private final Map<TopicPartition, PartitionTracker> trackers = new HashMap<>();
    private final AtomicInteger buffered = new AtomicInteger();
    private long lastCommitNanos = System.nanoTime() - COMMIT_INTERVAL.toNanos();

    void open(TopicPartition partition, long position) {
        trackers.put(partition, new PartitionTracker(partition, position));
    }

    PartitionTracker tracker(TopicPartition partition) {
        return trackers.get(partition);
    }

    List<TopicPartition> partitions() {
        return new ArrayList<>(trackers.keySet());
    }

    /** A record was handed on and is now held in memory. */
    void taken(PartitionTracker tracker, long offset) {
        tracker.add(offset);
        buffered.incrementAndGet();
    }

    int buffered() {
        return buffered.get();
    }

    void apply(Completions.Completion completion) {
        buffered.decrementAndGet();
        PartitionTracker tracker = completion.delivery().tracker();
        if (completion.settlement().started()) {
            tracker.finished();
        }
        // A tracker no longer in the books belongs to a partition since revoked: its offsets are someone else's now.
        if (completion.settlement() == Settlement.DURABLE && trackers.get(tracker.partition()) == tracker) {
            tracker.complete(completion.delivery().record().offset());
        }
    }

    /** Marks the partitions revoked and returns their trackers, still in the books until {@link #close}. */
    List<PartitionTracker> revoke(Collection<TopicPartition> partitions) {
        List<PartitionTracker> revoked = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            PartitionTracker tracker = trackers.get(partition);
            if (tracker != null) {
                tracker.revoke();
                revoked.add(tracker);
            }
        }
        return revoked;
    }

    void close(List<PartitionTracker> revoked) {
        revoked.forEach(tracker -> trackers.remove(tracker.partition()));
    }

    /** Commits, without waiting, every partition whose committable offset moved; at most every 200 ms. */
    void commitIfDue(Consumer<?, ?> consumer) {
        long now = System.nanoTime();
        if (now - lastCommitNanos < COMMIT_INTERVAL.toNanos()) {
            return;
        }
        lastCommitNanos = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionTracker tracker : trackers.values()) {
            if (tracker.needsCommit()) {
                long offset = tracker.committable();
                tracker.commitRequested(offset);
                offsets.put(tracker.partition(), new OffsetAndMetadata(offset));
            }
        }
        if (!offsets.isEmpty()) {
            consumer.commitAsync(offsets, (committed, e) -> {
                if (e != null) {
                    commitFailed(committed.keySet(), e);
                }
            });
        }
    }

    /**
     * Commits the partitions' offsets and waits for it. Returns false only when a rebalance under way refused the
     * commit, which may be tried again once it is over; any other failure means only that some are delivered again.
     */
    boolean commitNow(Consumer<?, ?> consumer, List<PartitionTracker> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        of.forEach(tracker -> offsets.put(tracker.partition(), new OffsetAndMetadata(tracker.committable())));
        if (offsets.isEmpty()) {
            return true;
        }
        try {
            while (true) {
                try {
                    consumer.commitSync(offsets);
                    return true;
                } catch (WakeupException e) {
                    // Someone asked the poll thread for attention; the commit comes first.
                }
            }
        } catch (RebalanceInProgressException e) {
            log.info("A rebalance under way refused the commit of {}", offsets.keySet());
            return false;
        } catch (KafkaException e) {
            log.warn("Could not commit {}; their next owner may deliver some again: {}", offsets.keySet(), e.toString());
            return true;
        }
    }

    /** Those of {@code released} still in the books: their partitions have not been handed on meanwhile. */
    List<PartitionTracker> stillHeld(List<PartitionTracker> released) {
        return released.stream().filter(tracker -> trackers.get(tracker.partition()) == tracker).toList();
    }

    private void commitFailed(Collection<TopicPartition> partitions, Exception e) {
        if (e instanceof RebalanceInProgressException) {
            log.debug("Offset commit deferred until the rebalance completes");
        } else {
            log.warn("Offset commit failed, will try again: {}", e.toString());
        }
        partitions.forEach(partition -> {
            PartitionTracker tracker = trackers.get(partition);
            if (tracker != null) {
                tracker.commitFailed();
            }
        });
    }
}
