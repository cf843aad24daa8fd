package com.chatplugify.webhooks.deliverer.engine;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.deliverer.retry.RetryHeaders;
import com.chatplugify.webhooks.deliverer.retry.RetryTiers;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The poll thread: the one thread that touches the consumer. It takes records from the deliveries topic and the
 * retry tiers, hands them to the {@link DeliverySink} without ever waiting on HTTP, tracks each partition's
 * offsets and commits only what has a durable outcome, holds retry-tier partitions until their head is due, and
 * pauses everything while {@code maxBuffered} records are held in memory.
 *
 * <p>When partitions are revoked, and at shutdown, deliveries not started yet are abandoned, those in flight get
 * up to {@code drainTimeout} to finish, and what is durable is committed: whatever else is delivered again by the
 * next owner — a duplicate, never a loss.
 */
public final class DeliveryEngine implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryEngine.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(200);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final DeliverySink sink;
    private final Completions completions;
    private final RetryTiers tiers;
    private final int maxBuffered;
    private final Duration drainTimeout;
    private final Clock clock;
    private final Thread thread;
    private final Map<TopicPartition, PartitionTracker> trackers = new HashMap<>();
    private final TierHolds holds = new TierHolds();
    private final AtomicInteger buffered = new AtomicInteger();
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private boolean backpressured;
    private long lastCommitNanos = System.nanoTime() - COMMIT_INTERVAL.toNanos();

    public DeliveryEngine(Consumer<String, byte[]> consumer, DeliverySink sink, Completions completions,
                          RetryTiers tiers, int maxBuffered, Duration drainTimeout, Clock clock) {
        this.consumer = consumer;
        this.sink = sink;
        this.completions = completions;
        this.tiers = tiers;
        this.maxBuffered = maxBuffered;
        this.drainTimeout = drainTimeout;
        this.clock = clock;
        List<String> subscribed = new ArrayList<>();
        subscribed.add(Topics.DELIVERIES);
        subscribed.addAll(Topics.retryTiers(tiers.count()));
        this.topics = List.copyOf(subscribed);
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

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** Deliveries held in memory: queued for their endpoint or in flight. */
    public int buffered() {
        return buffered.get();
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
                    commitIfDue();
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
        long now = clock.millis();
        for (TopicPartition partition : records.partitions()) {
            PartitionTracker tracker = trackers.get(partition);
            if (tracker == null) {
                log.warn("Records from unassigned partition {}; leaving them for its owner", partition);
                continue;
            }
            int tier = Topics.tierOf(partition.topic());
            for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                if (tier > 0 && holdIfNotDue(partition, tier, record, now)) {
                    break;
                }
                tracker.add(record.offset());
                buffered.incrementAndGet();
                sink.submit(new PolledDelivery(record, tracker, tier));
            }
        }
    }

    private boolean holdIfNotDue(TopicPartition partition, int tier, ConsumerRecord<String, byte[]> record, long now) {
        Instant visitAt = tiers.visitAt(tier, Instant.ofEpochMilli(record.timestamp()), RetryHeaders.dueAt(record.headers()));
        if (visitAt.toEpochMilli() <= now) {
            return false;
        }
        consumer.seek(partition, record.offset());
        holds.hold(partition, visitAt.toEpochMilli());
        return true;
    }

    private void applyCompletions() {
        for (Completions.Completion completion = completions.poll(); completion != null; completion = completions.poll()) {
            apply(completion);
        }
    }

    private void apply(Completions.Completion completion) {
        buffered.decrementAndGet();
        PartitionTracker tracker = completion.delivery().tracker();
        if (completion.started()) {
            tracker.finished();
        }
        // A tracker no longer in the map belongs to a partition since revoked: its offsets are someone else's now.
        if (completion.durable() && trackers.get(tracker.partition()) == tracker) {
            tracker.complete(completion.delivery().record().offset());
        }
    }

    private void updatePauses(long now) {
        holds.releaseDue(now);
        backpressured = backpressured ? buffered.get() > maxBuffered * 9L / 10 : buffered.get() >= maxBuffered;
        completions.wakeOnNext(backpressured);
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

    private Duration pollTimeout(long now) {
        if (!completions.isEmpty()) {
            return Duration.ZERO;
        }
        return Duration.ofMillis(Math.min(POLL_TIMEOUT.toMillis(), Math.max(1, holds.millisToNextRelease(now))));
    }

    private void commitIfDue() {
        long now = System.nanoTime();
        if (now - lastCommitNanos < COMMIT_INTERVAL.toNanos()) {
            return;
        }
        lastCommitNanos = now;
        Map<TopicPartition, OffsetAndMetadata> offsets = committable(trackers.values());
        if (offsets.isEmpty()) {
            return;
        }
        consumer.commitAsync(offsets, (committed, e) -> {
            if (e != null) {
                if (e instanceof RebalanceInProgressException) {
                    log.debug("Offset commit deferred until the rebalance completes");
                } else {
                    log.warn("Offset commit failed, will try again: {}", e.toString());
                }
                committed.keySet().forEach(partition -> {
                    PartitionTracker tracker = trackers.get(partition);
                    if (tracker != null) {
                        tracker.commitFailed();
                    }
                });
            }
        });
    }

    private Map<TopicPartition, OffsetAndMetadata> committable(Collection<PartitionTracker> of) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (PartitionTracker tracker : of) {
            if (tracker.needsCommit()) {
                long offset = tracker.committable();
                tracker.commitRequested(offset);
                offsets.put(tracker.partition(), new OffsetAndMetadata(offset));
            }
        }
        return offsets;
    }

    /**
     * Gives up partitions: abandons what has not started and, while they are still ours ({@code owned}), waits a
     * bounded time for the rest and commits what is durable. Lost partitions already belong to someone else.
     */
    private void release(Collection<TopicPartition> partitions, boolean owned) {
        List<PartitionTracker> released = new ArrayList<>();
        for (TopicPartition partition : partitions) {
            PartitionTracker tracker = trackers.get(partition);
            if (tracker != null) {
                tracker.revoke();
                released.add(tracker);
            }
        }
        holds.forget(partitions);
        if (!released.isEmpty()) {
            sink.abandonRevoked();
            if (owned) {
                awaitInProgress(released);
                commitNow(released);
            }
            int abandoned = released.stream().mapToInt(PartitionTracker::pendingCount).sum();
            if (abandoned > 0) {
                log.info("Released {} with {} deliveries not finished; their next owner delivers them again",
                        partitions, abandoned);
            }
            released.forEach(tracker -> trackers.remove(tracker.partition()));
        }
        Set<TopicPartition> remaining = new HashSet<>(assignment);
        remaining.removeAll(partitions);
        assignment = Set.copyOf(remaining);
    }

    private void awaitInProgress(List<PartitionTracker> released) {
        long deadline = System.nanoTime() + drainTimeout.toNanos();
        try {
            while (released.stream().anyMatch(t -> t.inProgress() > 0)) {
                long remaining = deadline - System.nanoTime();
                if (remaining <= 0) {
                    break;
                }
                Completions.Completion completion = completions.poll(remaining);
                if (completion != null) {
                    apply(completion);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        applyCompletions();
    }

    private void commitNow(List<PartitionTracker> released) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        released.forEach(tracker -> offsets.put(tracker.partition(), new OffsetAndMetadata(tracker.committable())));
        try {
            retryingOnWakeup(() -> consumer.commitSync(offsets));
        } catch (KafkaException e) {
            log.warn("Could not commit {} when releasing them; their next owner may deliver some again: {}",
                    offsets.keySet(), e.toString());
        }
    }

    private void shutdown() {
        try {
            release(new ArrayList<>(trackers.keySet()), true);
        } catch (RuntimeException e) {
            log.warn("Could not release partitions cleanly at shutdown", e);
        } finally {
            consumer.close(CLOSE_TIMEOUT);
        }
    }

    /** A wakeup only asks the loop for attention; a call the rebalance needs is made again rather than skipped. */
    private static void retryingOnWakeup(Runnable call) {
        while (true) {
            try {
                call.run();
                return;
            } catch (WakeupException e) {
                // Asked for attention while committing or positioning: that can wait until this call is done.
            }
        }
    }

    private final class Rebalance implements ConsumerRebalanceListener {

        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            for (TopicPartition partition : partitions) {
                long[] position = new long[1];
                retryingOnWakeup(() -> position[0] = consumer.position(partition));
                trackers.put(partition, new PartitionTracker(partition, position[0]));
            }
            assignment = Set.copyOf(consumer.assignment());
            if (!partitions.isEmpty()) {
                log.info("Assigned {}", partitions);
            }
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            release(partitions, true);
        }

        @Override
        public void onPartitionsLost(Collection<TopicPartition> partitions) {
            release(partitions, false);
        }
    }
}
