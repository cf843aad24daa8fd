package com.chatplugify.webhooks.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Where a reader starts, what it hands on, and the waits it answers, against Kafka's {@link MockConsumer}. */
class TopicReaderTest {

    private static final String TOPIC = "reader-test";
    private static final TopicPartition P0 = new TopicPartition(TOPIC, 0);
    private static final TopicPartition P1 = new TopicPartition(TOPIC, 1);
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final Duration POLL = Duration.ofMillis(20);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    /** Asked of the mock consumer, as a test double: a real reader asks them on a connection of their own. */
    private final EndOffsets endOffsets = partitions -> CompletableFuture.completedFuture(
            consumer.endOffsets(partitions));
    private final List<String> read = new CopyOnWriteArrayList<>();
    private final AtomicBoolean stopped = new AtomicBoolean();
    private TopicReader reader;

    @AfterEach
    void close() {
        if (reader != null) {
            reader.close();
        }
    }

    @Test
    void shouldReadFromTheBeginningAndCompleteAWaitOnceItsRecordIsHandedOn() throws Exception {
        topic(Map.of(P0, 0L, P1, 0L), Map.of(P0, 2L, P1, 0L));
        start(ReadFrom.beginning(TOPIC));
        await().atMost(WAIT).until(() -> consumer.assignment().equals(Set.of(P0, P1)));
        CompletableFuture<Void> second = reader.awaitOffset(P0, 1);

        add(P0, 0, "a");
        add(P0, 1, "b");

        second.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(read).containsExactly("a", "b");
    }

    @Test
    void shouldCatchUpOnlyOnceEveryPartitionReachesTheEndOffsetsTakenAfterTheAsk() {
        topic(Map.of(P0, 0L, P1, 0L), Map.of(P0, 1L, P1, 1L));
        start(ReadFrom.beginning(TOPIC));
        await().atMost(WAIT).until(() -> consumer.assignment().contains(P1));
        CompletableFuture<Void> caughtUp = reader.awaitCaughtUp();

        add(P0, 0, "a");
        await().atMost(WAIT).until(() -> read.contains("a"));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !caughtUp.isDone());

        add(P1, 0, "b");
        await().atMost(WAIT).until(caughtUp::isDone);
        assertThat(caughtUp).isCompleted();
    }

    @Test
    void shouldStartFromTheEndFixedBeforeItSaysItStarted() {
        topic(Map.of(P0, 0L, P1, 0L), Map.of(P0, 5L, P1, 3L));
        start(ReadFrom.end(List.of(TOPIC)));
        await().atMost(WAIT).until(() -> reader.started().isDone());

        assertThat(consumer.position(P0)).isEqualTo(5);
        assertThat(consumer.position(P1)).isEqualTo(3);
        add(P0, 5, "new");
        await().atMost(WAIT).until(() -> read.contains("new"));
    }

    @Test
    void shouldFailEveryWaitAndSayWhyOnceItStops() {
        topic(Map.of(P0, 0L, P1, 0L), Map.of(P0, 1L, P1, 0L));
        start(ReadFrom.beginning(TOPIC));
        await().atMost(WAIT).until(() -> reader.started().isDone());
        CompletableFuture<Void> offset = reader.awaitOffset(P0, 0);
        CompletableFuture<Void> caughtUp = reader.awaitCaughtUp();

        consumer.setPollException(new KafkaException("broker gone"));

        await().atMost(WAIT).until(() -> !reader.alive());
        assertThat(reader.failure()).get().extracting(Throwable::getMessage).isEqualTo("broker gone");
        assertThat(offset).isCompletedExceptionally();
        assertThat(caughtUp).isCompletedExceptionally();
        assertThat(stopped).isTrue();
        assertThat(consumer.closed()).isTrue();
    }

    @Test
    void shouldAskForTheEndOffsetsAgainWhileTheBrokerIsSlowToGiveThem() throws Exception {
        topic(Map.of(P0, 0L, P1, 0L), Map.of(P0, 1L, P1, 0L));
        AtomicInteger asked = new AtomicInteger();
        start(ReadFrom.beginning(TOPIC), partitions -> asked.incrementAndGet() == 1
                ? CompletableFuture.failedFuture(new TimeoutException("slow broker"))
                : endOffsets.of(partitions));
        await().atMost(WAIT).until(() -> reader.started().isDone());
        CompletableFuture<Void> caughtUp = reader.awaitCaughtUp();

        add(P0, 0, "a");

        caughtUp.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(asked).hasValue(2);
    }

    @Test
    void shouldFailTheCatchUpWhenTheEndOffsetsCannotBeHad() {
        topic(Map.of(P0, 0L, P1, 0L), Map.of(P0, 1L, P1, 0L));
        start(ReadFrom.beginning(TOPIC),
                partitions -> CompletableFuture.failedFuture(new TopicAuthorizationException(Set.of(TOPIC))));

        assertThatThrownBy(() -> reader.awaitCaughtUp().get(WAIT.toSeconds(), TimeUnit.SECONDS))
                .hasCauseInstanceOf(TopicAuthorizationException.class);
    }

    @Test
    void shouldRefuseToCatchUpWithoutEndOffsets() {
        reader = new TopicReader("reader-test", "Test reader", consumer, ReadFrom.beginning(TOPIC), POLL,
                records -> { });

        assertThatThrownBy(() -> reader.awaitCaughtUp()).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void shouldRefuseWaitsWhenItReadsInAConsumerGroup() {
        reader = new TopicReader("reader-test", "Test reader", consumer, ReadFrom.committed(TOPIC), POLL,
                records -> { });

        assertThatThrownBy(() -> reader.awaitOffset(P0, 0)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> reader.awaitCaughtUp()).isInstanceOf(IllegalStateException.class);
    }

    private void topic(Map<TopicPartition, Long> beginnings, Map<TopicPartition, Long> ends) {
        consumer.updatePartitions(TOPIC, List.of(info(0), info(1)));
        consumer.updateBeginningOffsets(beginnings);
        consumer.updateEndOffsets(ends);
    }

    private void start(ReadFrom from) {
        start(from, endOffsets);
    }

    private void start(ReadFrom from, EndOffsets ends) {
        reader = new TopicReader("reader-test", "Test reader", consumer, ends, from, POLL, new TopicReader.Handler() {
            @Override
            public void read(ConsumerRecords<String, byte[]> records) {
                records.forEach(record -> read.add(new String(record.value(), StandardCharsets.UTF_8)));
            }

            @Override
            public void stopped() {
                stopped.set(true);
            }
        });
        reader.start();
    }

    private void add(TopicPartition partition, long offset, String value) {
        consumer.addRecord(new ConsumerRecord<>(TOPIC, partition.partition(), offset, "k",
                value.getBytes(StandardCharsets.UTF_8)));
    }

    private static PartitionInfo info(int partition) {
        return new PartitionInfo(TOPIC, partition, Node.noNode(), new Node[0], new Node[0]);
    }
}
