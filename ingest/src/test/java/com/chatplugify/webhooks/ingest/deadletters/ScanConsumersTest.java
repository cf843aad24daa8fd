package com.chatplugify.webhooks.ingest.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The pool of scan consumers, with Kafka's {@link MockConsumer}s counted as they are created. */
class ScanConsumersTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.DLQ, 0);

    private final List<MockConsumer<String, byte[]>> created = new ArrayList<>();
    private final ScanConsumers consumers = new ScanConsumers(this::create, 2, Duration.ofMillis(200),
            Duration.ofMinutes(5));

    @AfterEach
    void close() {
        consumers.close();
    }

    @Test
    void shouldLendOneConsumerToScanAfterScanWithNothingLeftAssigned() {
        for (int scan = 0; scan < 50; scan++) {
            Consumer<String, byte[]> consumer = consumers.take();
            assertThat(consumer.assignment()).isEmpty();
            consumer.assign(Set.of(PARTITION));
            consumer.pause(Set.of(PARTITION));
            consumers.giveBack(consumer);
        }

        assertThat(created).hasSize(1);
        assertThat(created.get(0).closed()).isFalse();
    }

    @Test
    void shouldRefuseAScanBeyondTheMaximumUntilOneIsGivenBack() {
        Consumer<String, byte[]> first = consumers.take();
        Consumer<String, byte[]> second = consumers.take();

        assertThatThrownBy(consumers::take).isInstanceOf(ScansBusyException.class)
                .hasMessageContaining("at most 2");

        consumers.giveBack(first);
        assertThat(consumers.take()).isSameAs(first);
        assertThat(created).hasSize(2);
        assertThat(second).isNotSameAs(first);
    }

    @Test
    void shouldCloseADiscardedConsumerAndLendANewOne() {
        Consumer<String, byte[]> failed = consumers.take();

        consumers.discard(failed);
        Consumer<String, byte[]> next = consumers.take();

        assertThat(created.get(0).closed()).isTrue();
        assertThat(next).isNotSameAs(failed);
        assertThat(created).hasSize(2);
    }

    @Test
    void shouldCloseEveryConsumerWhenClosedIncludingOnesGivenBackAfter() {
        Consumer<String, byte[]> idle = consumers.take();
        Consumer<String, byte[]> busy = consumers.take();
        consumers.giveBack(idle);

        consumers.close();
        consumers.giveBack(busy);

        assertThat(created).hasSize(2).allSatisfy(consumer -> assertThat(consumer.closed()).isTrue());
    }

    private synchronized Consumer<String, byte[]> create() {
        MockConsumer<String, byte[]> consumer = new MockConsumer<>("none");
        created.add(consumer);
        return consumer;
    }
}
