package com.chatplugify.webhooks.deliverer.engine;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.deliverer.retry.RetryTiers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread: the one thread that touches the consumer. It takes records from the deliveries topic and the
 * retry tiers, hands them to the {@link DeliverySink} without ever waiting on HTTP, tracks each partition's
 * offsets and commits only what has a durable outcome, holds retry-tier partitions until their head is due, and
 * pauses everything while {@code maxBuffered} records are held in memory.
 *
 * <p>When partitions are revoked, and at shutdown, deliveries in flight get up to {@code drainTimeout} to finish,
 * those not started yet are put back at the end of their partition where that lets the commit pass them, and what is
 * durable is committed: whatever else is delivered again by the next owner — a duplicate, never a loss.
 */
public final class DeliveryEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REJOIN_POLL = Duration.ofMillis(100);

    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final DeliverySink sink;
    private final Completions completions;
    private final RetryTiers tiers;
    private final int maxBuffered;
    private final Duration drainTimeout;
    private final Clock clock;
    private final Thread thread;
    private final OffsetLedger ledger = new OffsetLedger();
    private final TierHolds holds = new TierHolds();
    private final RetryBacklog backlog;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile boolean joined;
    private volatile boolean running = true;
    private volatile Throwable failure;
    private boolean backpressured;

    /** @param consumed the tier topics to consume: those of {@code tiers}, and any left over from a longer schedule */
    public DeliveryEngine(Consumer<String, byte[]> consumer, DeliverySink sink, Completions completions,
                          RetryTiers tiers, ConsumedTiers consumed, int maxBuffered, Duration drainTimeout,
                          Clock clock) {
        this.consumer = consumer;
        this.sink = sink;
        this.completions = completions;
        this.tiers = tiers;
        this.maxBuffered = maxBuffered;
        this.drainTimeout = drainTimeout;
        this.clock = clock;
        List<String> subscribed = new ArrayList<>();
        subscribed.add(Topics.DELIVERIES);
        subscribed.addAll(consumed.topics());
        this.topics = List.copyOf(subscribed);
        this.backlog = new RetryBacklog(consumed.highest());
        if (!consumed.leftover().isEmpty()) {
            log.warn("Draining retry tiers {} left over from a longer delivery.retry.delays ({} tiers now): their "
                    + "deliveries are attempted when due and go on under the current schedule. Delete such a topic "
                    + "once webhook_retry_backlog for its tier is 0 on every deliverer",
                    consumed.leftover().stream().map(Topics::retryTier).toList(), tiers.count());
        }
        this.thread = new Thread(this::run, "deliverer-poll");
    }

    public DeliveryEngine start() {
        thread.start();
        return this;
    }

    public boolean alive() {
        return thread.isAlive();
    }

    /** Whether the group has given this instance partitions (kept aside, as other threads ask). */
    public boolean assigned() {
        return !assignment.isEmpty();
    }

    /** The partitions the group has given this instance. */
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    /**
     * Whether this instance has joined the consumer group and received its first assignment, which may be empty
     * when the group has more members than partitions.
     */
    public boolean joined() {
        return joined;
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Deliveries held in memory: queued for their endpoint or in flight. */
    public int buffered() {
        return ledger.buffered();
    }

    /** Records of retry tier {@code tier} not consumed yet, over this instance's partitions. */
    public long retryBacklog(int tier) {
        return backlog.of(tier);
    }

    /**
     * Stops consuming because of {@code cause}, which cannot pass by trying again: what is durable is committed, the
     * rest is left for the next owner, and {@link #failure()} (liveness, readiness) reports why.
     */
    public void fail(Throwable cause) {
        if (failure == null) {
            failure = cause;
            log.error("Delivery engine stopping: {}", cause.getMessage(), cause);
        }
        running = false;
        consumer.wakeup();
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(drainTimeout.plus(CLOSE_TIMEOUT).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            consumer.subscribe(topics, new Rebalance());
            while (running) {
                try {
                    applyCompletions();
                    long now = clock.millis();
                    updatePauses(now);
                    ledger.commitIfDue(consumer);
                    backlog.measureIfDue(consumer, assignment, holds::waiting);
                    accept(consumer.poll(pollTimeout(now)));
                } catch (WakeupException e) {
                    // A completion (memory freed while paused) or close() asked for attention: go round again.
                }
            }
        } catch (RuntimeException e) {
            // The loop boundary: a failure here stops this instance's consumption and shows in /health.
            failure = e;
            log.error("Delivery engine stopped", e);
        } finally {
            shutdown();
        }
    }

    private void accept(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            visit(partition, records.records(partition).iterator());
        }
    }

    /**
     * Hands a partition's records to the sink in order; at the first retry not due yet, holds the partition with that
     * record and the ones behind it.
     */
    private void visit(TopicPartition partition, Iterator<ConsumerRecord<String, byte[]>> records) {
        PartitionTracker tracker = ledger.tracker(partition);
        if (tracker == null) {
            log.warn("Records from unassigned partition {}; leaving them for its owner", partition);
            return;
        }
        Instant now = clock.instant();
        int tier = Topics.tierOf(partition.topic());
        while (records.hasNext()) {
            ConsumerRecord<String, byte[]> record = records.next();
            DeliveryHeaders headers = DeliveryHeaders.readFrom(record.headers());
            RetryTiers.Visit visit = tiers.decide(tier, Instant.ofEpochMilli(record.timestamp()),
                    Optional.ofNullable(headers.dueAt()), now);
            if (visit instanceof RetryTiers.Visit.Hold hold) {
                holds.hold(partition, hold.until().toEpochMilli(), record, records);
                return;
            }
            ledger.taken(tracker, record.offset());
            PolledDelivery delivery = new PolledDelivery(record, tracker, tier, headers);
            if (visit instanceof RetryTiers.Visit.Reappend) {
                sink.reappend(delivery);
            } else {
                sink.submit(delivery);
            }
        }
    }

    private void applyCompletions() {
        for (Completions.Completion completion = completions.poll(); completion != null; completion = completions.poll()) {
            ledger.apply(completion);
        }
    }

    private void updatePauses(long now) {
        int resumeAt = maxBuffered * 9 / 10;
        backpressured = backpressured ? ledger.buffered() > resumeAt : ledger.buffered() >= maxBuffered;
        completions.wakeWhenQueued(backpressured ? Math.max(1, ledger.buffered() - resumeAt) : Integer.MAX_VALUE);
        if (!backpressured) {
            holds.releaseDue(now, this::visit);
        }
        Set<TopicPartition> owned = consumer.assignment();
        Set<TopicPartition> wanted = new HashSet<>(backpressured ? owned : holds.held());
        wanted.retainAll(owned);
        Set<TopicPartition> paused = consumer.paused();
        List<TopicPartition> toPause = wanted.stream().filter(p -> !paused.contains(p)).toList();
        List<TopicPartition> toResume = paused.stream().filter(p -> !wanted.contains(p)).toList();
        if (!toPause.isEmpty()) {
            consumer.pause(toPause);
        }
        if (!toResume.isEmpty()) {
            consumer.resume(toResume);
        }
    }

    /**
     * Until records come or a held retry is due (not while memory is full: held retries wait for it too).
     * Completions do not cut the wait: they only move offsets on, which are committed at most every
     * {@link OffsetLedger} interval anyway (polling at once for them made the loop spin under load), and the one
     * that frees memory while consumption is paused wakes the poll.
     */
    private Duration pollTimeout(long now) {
        if (backpressured) {
            return POLL_TIMEOUT;
        }
        return Duration.ofMillis(Math.min(POLL_TIMEOUT.toMillis(), Math.max(1, holds.millisToNextRelease(now))));
    }

    /**
     * Gives up partitions: gives up what has not started and, while they are still ours ({@code owned}), waits a
     * bounded time for the rest and commits what is durable. Lost partitions already belong to someone else.
     */
    private void release(Collection<TopicPartition> partitions, boolean owned) {
        List<PartitionTracker> released = settle(partitions, owned);
        if (owned && !released.isEmpty()) {
            ledger.commitNow(consumer, released);
        }
        forget(partitions, released);
    }

    /**
     * Takes back what has not started on the partitions and, while they are still ours, lets the rest finish, then
     * hands over what it can of what had not started.
     */
    private List<PartitionTracker> settle(Collection<TopicPartition> partitions, boolean owned) {
        List<PartitionTracker> released = ledger.revoke(partitions);
        holds.forget(partitions);
        if (!released.isEmpty()) {
            List<DeliverySink.Withdrawn> withdrawn = sink.withdrawRevoked();
            if (owned) {
                await(released, tracker -> tracker.inProgress() == 0);
                handOver(withdrawn);
            } else {
                withdrawn.forEach(unstarted -> completions.done(unstarted.delivery(), Settlement.UNSTARTED));
            }
        }
        return released;
    }

    /**
     * Puts back at the end of their partition the withdrawn deliveries that the commit can then pass: those before
     * the first delivery of the partition that stays unfinished (an attempt that did not finish in time, a FIFO
     * webhook's delivery, which may not move). What was delivered behind them is then not delivered again. The rest
     * stays where it is for the next owner: moved too, it would be read twice.
     */
    private void handOver(List<DeliverySink.Withdrawn> withdrawn) {
        Map<PartitionTracker, Set<Long>> movable = new HashMap<>();
        for (DeliverySink.Withdrawn unstarted : withdrawn) {
            if (!unstarted.ordered()) {
                movable.computeIfAbsent(unstarted.delivery().tracker(), tracker -> new HashSet<>())
                        .add(unstarted.delivery().record().offset());
            }
        }
        Map<PartitionTracker, Long> stays = new HashMap<>();
        movable.forEach((tracker, offsets) -> stays.put(tracker, tracker.lowestPendingOutside(offsets::contains)));
        int handedOver = 0;
        for (DeliverySink.Withdrawn unstarted : withdrawn) {
            PolledDelivery delivery = unstarted.delivery();
            if (!unstarted.ordered() && delivery.record().offset() < stays.get(delivery.tracker())) {
                sink.handOver(delivery);
                handedOver++;
            } else {
                completions.done(delivery, Settlement.UNSTARTED);
            }
        }
        if (handedOver > 0) {
            log.info("Putting {} deliveries not started back at the end of their partitions for their next owner",
                    handedOver);
            await(List.copyOf(stays.keySet()), tracker -> tracker.pendingCount() == 0
                    || tracker.committable() >= stays.get(tracker));
        }
    }

    private void forget(Collection<TopicPartition> partitions, List<PartitionTracker> released) {
        int abandoned = released.stream().mapToInt(PartitionTracker::pendingCount).sum();
        if (abandoned > 0) {
            log.info("Released {} with {} deliveries not finished; their next owner delivers them again",
                    partitions, abandoned);
        }
        ledger.close(released);
        Set<TopicPartition> remaining = new HashSet<>(assignment);
        remaining.removeAll(partitions);
        assignment = Set.copyOf(remaining);
    }

    /** Applies completions until {@code settled} holds for every tracker, for at most {@code drainTimeout}. */
    private void await(List<PartitionTracker> trackers, Predicate<PartitionTracker> settled) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        try {
            while (!trackers.stream().allMatch(settled)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                Completions.Completion completion = completions.poll(remaining);
                if (completion != null) {
                    ledger.apply(completion);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        applyCompletions();
    }

    /**
     * Releases every partition as a revocation would. A rebalance under way (an instance joining or leaving) refuses
     * the commit until this member has rejoined the group: polling completes it (the listener releases and commits
     * whatever it moves), then what is still ours is committed, rather than delivered again by its next owner.
     */
    private void shutdown() {
        try {
            List<TopicPartition> partitions = ledger.partitions();
            List<PartitionTracker> released = settle(partitions, true);
            long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
            while (!ledger.commitNow(consumer, ledger.stillHeld(released)) && System.nanoTime() < deadline) {
                rejoin();
            }
            forget(partitions, released);
        } catch (RuntimeException e) {
            log.warn("Could not release partitions cleanly at shutdown", e);
        } finally {
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    /** One poll to move a rebalance on; the records it returns are not taken, so they stay for their next owner. */
    private void rejoin() {
        try {
            consumer.poll(REJOIN_POLL);
        } catch (WakeupException e) {
            // close() asked for attention; the loop it is in will poll again.
        }
    }

    /** The partition's position; a wakeup only asks for attention, so the rebalance's call is made again. */
    private long position(TopicPartition partition) {
        while (true) {
            try {
                return consumer.position(partition);
            } catch (WakeupException e) {
                // Asked for attention while positioning: that can wait until the assignment is recorded.
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                ledger.open(partition, position(partition));
            }
            assignment = Set.copyOf(consumer.assignment());
            if (!partitions.isEmpty()) {
                log.info("Rebalance: assigned {}; {} partitions in all", partitions, assignment.size());
            } else if (!joined) {
                log.info("Joined the consumer group without partitions: more instances than partitions; "
                        + "this one takes over when another leaves");
            }
            joined = true;
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            if (!partitions.isEmpty()) {
                log.info("Rebalance: revoked {}", partitions);
            }
            release(partitions, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            log.warn("Rebalance: lost {} without a chance to commit (the group moved on without this instance)",
                    partitions);
            release(partitions, false);
        }
    }
}
