package com.chatplugify.webhooks.deliverer.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.deliverer.retry.RetryTiers;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetCommitCallback;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RebalanceInProgressException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The poll thread's bookkeeping against Kafka's {@link MockConsumer}: offsets, tier holds, backpressure, release. */
class DeliveryEngineTest {

    private static final Instant START = Instant.parse("2024-01-15T10:30:00Z");
    private static final TopicPartition MAIN = new TopicPartition(Topics.DELIVERIES, 0);
    private static final TopicPartition TIER = new TopicPartition(Topics.retryTier(1), 0);

    private final CommitRecordingConsumer consumer = new CommitRecordingConsumer();
    private final MutableClock clock = new MutableClock(START);
    private final RecordingSink sink = new RecordingSink();
    private final Completions completions = new Completions(consumer::wakeup);
    private final DeliveryEngine engine = new DeliveryEngine(consumer, sink, completions,
            new RetryTiers(List.of(Duration.ofSeconds(10))), ConsumedTiers.configured(1), 3, Duration.ofMillis(500),
            clock);

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void shouldCommitOnlyUpToTheFirstDeliveryWithoutADurableOutcome() {
        start();
        addMain(0);
        addMain(1);
        addMain(2);
        await().until(() -> sink.taken.size() == 3);

        complete(2, true);
        complete(1, true);
        await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> committed(MAIN) <= 0);

        complete(0, true);
        await().until(() -> committed(MAIN) == 3);
    }

    @Test
    void shouldHoldATierPartitionUntilItsHeadIsDueAndTakeItWithoutReadingItAgain() {
        start();
        addTier(4, START.plusSeconds(5));
        await().until(() -> consumer.paused().contains(TIER));
        assertThat(sink.taken).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        await().until(() -> sink.taken.size() == 1);
        assertThat(sink.taken.get(0).record().offset()).isEqualTo(4);
        await().until(() -> !consumer.paused().contains(TIER));
        assertThat(consumer.position(TIER)).as("read once").isEqualTo(5);
    }

    @Test
    void shouldTakeHeldRecordsInOrderAsEachComesDue() {
        start();
        addTier(4, START.plusSeconds(5), START.plusSeconds(5), START.plusSeconds(8));
        await().until(() -> consumer.paused().contains(TIER));

        clock.advance(Duration.ofSeconds(5));
        await().until(() -> sink.taken.size() == 2);
        assertThat(sink.taken).extracting(delivery -> delivery.record().offset()).containsExactly(4L, 5L);
        await().during(Duration.ofMillis(300)).until(() -> consumer.paused().contains(TIER) && sink.taken.size() == 2);

        clock.advance(Duration.ofSeconds(3));
        await().until(() -> sink.taken.size() == 3);
        assertThat(sink.taken.get(2).record().offset()).isEqualTo(6);
        assertThat(consumer.position(TIER)).as("each read once").isEqualTo(7);
    }

    @Test
    void shouldCountHeldTierRecordsInTheirTiersBacklogUntilTaken() {
        start();
        consumer.updateEndOffsets(Map.of(TIER, 6L));
        addTier(4, START.plusSeconds(5), START.plusSeconds(5));
        await().until(() -> consumer.paused().contains(TIER));
        assertThat(consumer.position(TIER)).as("both read, so the consumer's lag is zero").isEqualTo(6);

        await().until(() -> engine.retryBacklog(1) == 2);

        clock.advance(Duration.ofSeconds(5));
        await().until(() -> sink.taken.size() == 2);
        await().until(() -> engine.retryBacklog(1) == 0);
    }

    @Test
    void shouldLeaveHeldRecordsToTheNextOwnerWhenTheirPartitionIsRevoked() {
        start();
        addTier(4, START.plusSeconds(5), START.plusSeconds(5));
        await().until(() -> consumer.paused().contains(TIER));

        consumer.schedulePollTask(() -> consumer.rebalance(List.of(MAIN)));
        await().until(() -> !engine.assignment().contains(TIER));
        clock.advance(Duration.ofSeconds(5));

        await().during(Duration.ofMillis(300)).until(() -> sink.taken.isEmpty());
        assertThat(committed(TIER)).as("nothing committed past the held head").isLessThanOrEqualTo(4);
    }

    @Test
    void shouldHandBackATierRecordThatIsDueOnlyAfterItsTierDelay() {
        start();
        addTier(4, START.plusSeconds(60));
        await().until(() -> consumer.paused().contains(TIER));

        clock.advance(Duration.ofSeconds(10));
        await().until(() -> sink.reappended.size() == 1);
        assertThat(sink.taken).isEmpty();
    }

    @Test
    void shouldStopOnAFailureAndCommitWhatIsDurable() {
        start();
        addMain(0);
        addMain(1);
        await().until(() -> sink.taken.size() == 2);
        complete(0, true);
        complete(1, false);

        engine.fail(new IllegalStateException("cannot write to the DLQ"));

        await().until(() -> !engine.alive());
        assertThat(engine.failure()).get().extracting(Throwable::getMessage).isEqualTo("cannot write to the DLQ");
        assertThat(committed(MAIN)).isEqualTo(1);
    }

    @Test
    void shouldPauseEverythingWhileMemoryIsFull() {
        start();
        for (int offset = 0; offset < 4; offset++) {
            addMain(offset);
        }
        await().until(() -> consumer.paused().containsAll(Set.of(MAIN, TIER)));
        assertThat(engine.buffered()).isEqualTo(3);

        for (int offset = 0; offset < 3; offset++) {
            complete(offset, true);
        }
        await().until(() -> sink.taken.size() == 4);
        complete(3, true);
        await().until(() -> consumer.paused().isEmpty() && engine.buffered() == 0);
    }

    @Test
    void shouldLetStartedDeliveriesFinishAndCommitWhenPartitionsAreRevoked() {
        start();
        addMain(0);
        addMain(1);
        await().until(() -> sink.taken.size() == 2);
        sink.taken.forEach(delivery -> delivery.tracker().started());
        complete(1, true);

        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TIER)));
        new Thread(() -> {
            await().until(() -> sink.withdrawCalls.get() > 0);
            complete(0, true);
        }).start();

        await().until(() -> committed(MAIN) == 2);
        assertThat(engine.assigned()).isTrue();
    }

    @Test
    void shouldHandOverWhatWaitedToStartBeforeAnAttemptThatDoesNotFinishInTimeAndCommitUpToThatAttempt() {
        start();
        takeMain(3);
        taken(1).tracker().started();
        sink.waiting.addAll(List.of(new DeliverySink.Withdrawn(taken(0), false),
                new DeliverySink.Withdrawn(taken(2), false)));

        assertHandedOverAndCommitted(0L, 1);
    }

    @Test
    void shouldHandOverWhatWaitedToStartBeforeAFifoWebhooksDeliveryWhichStaysAndCommitUpToIt() {
        start();
        takeMain(3);
        sink.waiting.addAll(List.of(new DeliverySink.Withdrawn(taken(0), false),
                new DeliverySink.Withdrawn(taken(1), true), new DeliverySink.Withdrawn(taken(2), false)));

        assertHandedOverAndCommitted(0L, 1);
    }

    /** Revokes the partition; once only {@code handedOver} is handed over and written, {@code committed} is committed. */
    private void assertHandedOverAndCommitted(long handedOver, long committed) {
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(TIER)));
        await().until(() -> !sink.handedOver.isEmpty());
        sink.handedOver.forEach(delivery -> completions.done(delivery, Settlement.DURABLE));

        await().until(() -> committed(MAIN) == committed);
        assertThat(sink.handedOver).extracting(delivery -> delivery.record().offset()).containsExactly(handedOver);
    }

    private void takeMain(int records) {
        for (long offset = 0; offset < records; offset++) {
            addMain(offset);
        }
        await().until(() -> sink.taken.size() == records);
    }

    @Test
    void shouldAbandonWhatDoesNotFinishInTimeAndCommitTheRest() {
        start();
        addMain(0);
        addMain(1);
        await().until(() -> sink.taken.size() == 2);
        sink.taken.forEach(delivery -> delivery.tracker().started());
        complete(1, true);

        consumer.schedulePollTask(() -> consumer.rebalance(List.of()));

        await().until(() -> !engine.assigned());
        assertThat(committed(MAIN)).isZero();
        complete(0, true);
        await().during(Duration.ofMillis(300)).until(() -> committed(MAIN) == 0);
    }

    @Test
    void shouldFinishARebalanceUnderWayAndCommitBeforeLeaving() {
        start();
        addMain(0);
        addMain(1);
        await().until(() -> sink.taken.size() == 2);
        consumer.refuseCommits.set(true);
        complete(0, true);
        complete(1, true);
        await().until(() -> engine.buffered() == 0);

        consumer.schedulePollTask(() -> consumer.refuseCommits.set(false));
        engine.close();

        assertThat(committed(MAIN)).as("committed before leaving, once the rebalance was over").isEqualTo(2);
    }

    @Test
    void shouldCountAsJoinedOnceTheGroupHasAnsweredEvenWithoutPartitions() {
        engine.start();
        assertThat(engine.joined()).isFalse();

        consumer.schedulePollTask(() -> consumer.rebalance(List.of()));

        await().until(engine::joined);
        assertThat(engine.assigned()).isFalse();
    }

    private void start() {
        consumer.updateBeginningOffsets(Map.of(MAIN, 0L, TIER, 4L));
        engine.start();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(MAIN, TIER)));
        await().until(engine::assigned);
    }

    private void addMain(long offset) {
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(Topics.DELIVERIES, 0, offset,
                "webhook_1", new byte[0])));
    }

    /** Records of tier 1 due at {@code dueAt} from {@code offset} on, appended at {@code START}, in one poll. */
    private void addTier(long offset, Instant... dueAt) {
        consumer.schedulePollTask(() -> {
            for (int i = 0; i < dueAt.length; i++) {
                RecordHeaders headers = new RecordHeaders();
                headers.add(DeliveryHeaders.DUE_AT,
                        Long.toString(dueAt[i].toEpochMilli()).getBytes(StandardCharsets.UTF_8));
                consumer.addRecord(new ConsumerRecord<>(Topics.retryTier(1), 0, offset + i, START.toEpochMilli(),
                        TimestampType.CREATE_TIME, 0, 0, "webhook_1", new byte[0], headers, Optional.empty()));
            }
        });
    }

    private PolledDelivery taken(long offset) {
        return sink.taken.stream().filter(d -> d.record().offset() == offset).findFirst().orElseThrow();
    }

    /** Settles a delivery taken from the main topic; one the test did not mark started is started first. */
    private void complete(long offset, boolean durable) {
        PolledDelivery delivery = taken(offset);
        if (delivery.tracker().inProgress() == 0) {
            delivery.tracker().started();
        }
        completions.done(delivery, durable ? Settlement.DURABLE : Settlement.ABANDONED);
    }

    private long committed(TopicPartition partition) {
        return consumer.commits.getOrDefault(partition, -1L);
    }

    /**
     * Keeps the last offset committed per partition, revoked ones included (MockConsumer forgets those); while
     * {@link #refuseCommits} is set, refuses commits as a consumer does while its group rebalances.
     */
    private static final class CommitRecordingConsumer extends MockConsumer<String, byte[]> {

        final Map<TopicPartition, Long> commits = new ConcurrentHashMap<>();
        final AtomicBoolean refuseCommits = new AtomicBoolean();

        CommitRecordingConsumer() {
            super("earliest");
        }

        @Override
        public synchronized void commitSync(Map<TopicPartition, OffsetAndMetadata> offsets) {
            if (refuseCommits.get()) {
                throw new RebalanceInProgressException("rebalancing");
            }
            super.commitSync(offsets);
            offsets.forEach((partition, offset) -> commits.put(partition, offset.offset()));
        }

        @Override
        public synchronized void commitAsync(Map<TopicPartition, OffsetAndMetadata> offsets,
                                             OffsetCommitCallback callback) {
            if (refuseCommits.get()) {
                callback.onComplete(offsets, new RebalanceInProgressException("rebalancing"));
                return;
            }
            super.commitAsync(offsets, callback);
            offsets.forEach((partition, offset) -> commits.put(partition, offset.offset()));
        }
    }

    private static final class RecordingSink implements DeliverySink {

        final List<PolledDelivery> taken = new CopyOnWriteArrayList<>();
        final List<PolledDelivery> reappended = new CopyOnWriteArrayList<>();
        /** What the next {@link #withdrawRevoked} finds waiting to start. */
        final List<Withdrawn> waiting = new CopyOnWriteArrayList<>();
        final List<PolledDelivery> handedOver = new CopyOnWriteArrayList<>();
        final AtomicInteger withdrawCalls = new AtomicInteger();

        @Override
        public void submit(PolledDelivery delivery) {
            taken.add(delivery);
        }

        @Override
        public void reappend(PolledDelivery delivery) {
            reappended.add(delivery);
        }

        @Override
        public List<Withdrawn> withdrawRevoked() {
            withdrawCalls.incrementAndGet();
            List<Withdrawn> withdrawn = List.copyOf(waiting);
            waiting.clear();
            return withdrawn;
        }

        @Override
        public void handOver(PolledDelivery delivery) {
            delivery.tracker().started();
            handedOver.add(delivery);
        }
    }
}
