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
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.record.TimestampType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An engine whose schedule has one tier, started where {@code retry-2} is left over from a longer one. */
class LeftoverTiersEngineTest {

    private static final Instant START = Instant.parse("2024-01-15T10:30:00Z");
    private static final TopicPartition MAIN = new TopicPartition(Topics.DELIVERIES, 0);
    private static final TopicPartition LEFTOVER = new TopicPartition(Topics.retryTier(2), 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final MutableClock clock = new MutableClock(START);
    private final List<PolledDelivery> taken = new CopyOnWriteArrayList<>();
    private final DeliveryEngine engine = new DeliveryEngine(consumer, new DeliverySink() {
        @Override
        public void submit(PolledDelivery delivery) {
            taken.add(delivery);
        }

        @Override
        public void reappend(PolledDelivery delivery) {
            throw new AssertionError("not due yet: " + delivery.record());
        }

        @Override
        public List<Withdrawn> withdrawRevoked() {
            return List.of();
        }

        @Override
        public void handOver(PolledDelivery delivery) {
        }
    }, new Completions(consumer::wakeup), new RetryTiers(List.of(Duration.ofSeconds(10))),
            new ConsumedTiers(1, List.of(2)), 10, Duration.ofMillis(500), clock);

    @AfterEach
    void stop() {
        engine.close();
    }

    @Test
    void shouldSubscribeToTheLeftoverTierBesideTheScheduledOnes() {
        engine.start();

        await().until(() -> consumer.subscription().equals(
                Set.of(Topics.DELIVERIES, Topics.retryTier(1), Topics.retryTier(2))));
    }

    @Test
    void shouldTakeARecordOfTheLeftoverTierWhenItIsDueAndCountItsBacklogUntilThen() {
        start();
        consumer.updateEndOffsets(Map.of(LEFTOVER, 1L));
        consumer.schedulePollTask(() -> consumer.addRecord(leftoverRecord(START.plusSeconds(5))));

        await().until(() -> engine.retryBacklog(2) == 1);
        assertThat(taken).isEmpty();

        clock.advance(Duration.ofSeconds(5));
        await().until(() -> taken.size() == 1);
        assertThat(taken.get(0).tier()).isEqualTo(2);
        await().until(() -> engine.retryBacklog(2) == 0);
    }

    private void start() {
        consumer.updateBeginningOffsets(Map.of(MAIN, 0L, LEFTOVER, 0L));
        engine.start();
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(MAIN, LEFTOVER)));
        await().until(engine::assigned);
    }

    private static ConsumerRecord<String, byte[]> leftoverRecord(Instant dueAt) {
        RecordHeaders headers = new RecordHeaders();
        headers.add(DeliveryHeaders.ATTEMPTS, "2".getBytes(StandardCharsets.UTF_8));
        headers.add(DeliveryHeaders.DUE_AT, Long.toString(dueAt.toEpochMilli()).getBytes(StandardCharsets.UTF_8));
        return new ConsumerRecord<>(LEFTOVER.topic(), 0, 0, START.toEpochMilli(), TimestampType.CREATE_TIME, 0, 0,
                "webhook_1", new byte[0], headers, Optional.empty());
    }
}
