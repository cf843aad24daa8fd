package com.chatplugify.webhooks.deliverer.engine;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongPredicate;
import org.apache.kafka.common.TopicPartition;

/**
 * The offsets of one assigned partition whose outcome is not durable yet. The committable offset is the lowest
 * of them, or just past the last record taken when none is pending: everything below it has been delivered or
 * written to a retry tier or the DLQ, whatever order the outcomes came in.
 *
 * <p>Offsets are kept by the poll thread alone; {@link #revoked()} and the count of started attempts are read
 * and written from the delivery threads too.
 */
public final class PartitionTracker {

    private final TopicPartition partition;
    private final PendingOffsets pending = new PendingOffsets();
    private final AtomicInteger started = new AtomicInteger();
    private long next;
    private long requested = -1;
    private volatile boolean revoked;

    /** @param position the consumer's position when the partition was assigned */
    public PartitionTracker(TopicPartition partition, long position) {
        this.partition = partition;
        this.next = position;
    }

    public TopicPartition partition() {
        return partition;
    }

    void add(long offset) {
        pending.add(offset);
        next = Math.max(next, offset + 1);
    }

    void complete(long offset) {
        pending.finish(offset);
    }

    /** The offset to commit: every record before it has a durable outcome. */
    long committable() {
        return pending.isEmpty() ? next : pending.lowest();
    }

    /** Whether {@link #committable()} has moved since it was last committed. */
    boolean needsCommit() {
        return committable() != requested;
    }

    void commitRequested(long offset) {
        requested = offset;
    }

    void commitFailed() {
        requested = -1;
    }

    int pendingCount() {
        return pending.size();
    }

    /** The lowest offset not durable yet apart from those {@code excluded} takes; {@link Long#MAX_VALUE} if none. */
    long lowestPendingOutside(LongPredicate excluded) {
        return pending.lowestOutside(excluded);
    }

    /** The partition left this instance: its deliveries not started yet are abandoned, not attempted. */
    public void revoke() {
        revoked = true;
    }

    public boolean revoked() {
        return revoked;
    }

    /** A delivery of this partition is being processed (called by the delivery threads). */
    public void started() {
        started.incrementAndGet();
    }

    void finished() {
        started.decrementAndGet();
    }

    /**
     * A started delivery was put back to wait (a FIFO webhook's retry in place): no longer in progress, so a
     * revocation does not wait for it; it is started again when taken again.
     */
    public void putBack() {
        started.decrementAndGet();
    }

    int inProgress() {
        return started.get();
    }
}
