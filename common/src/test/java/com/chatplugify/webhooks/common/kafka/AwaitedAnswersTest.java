package com.chatplugify.webhooks.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Calls waiting for answers by id, against Kafka's {@link MockConsumer} and {@link MockProducer}. */
class AwaitedAnswersTest {

    private static final String REQUESTS = "requests";
    private static final String ANSWERS = "answers";
    private static final TopicPartition PARTITION = new TopicPartition(ANSWERS, 0);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("latest");
    private final MockProducer<String, byte[]> producer = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    /** An answer is "callId=value"; anything else is unreadable. */
    private final AwaitedAnswers<String> answers = new AwaitedAnswers<>(consumer, List.of(ANSWERS), "answers-test",
            "Test answers", record -> {
                String[] parts = new String(record.value(), StandardCharsets.UTF_8).split("=", 2);
                if (parts.length < 2) {
                    throw new SerializationException("not an answer");
                }
                return new AwaitedAnswers.Answer<>(parts[0], parts[1]);
            });
    private long offset = 3;

    @BeforeEach
    void start() {
        consumer.updatePartitions(ANSWERS, List.of(new PartitionInfo(ANSWERS, 0, Node.noNode(), new Node[0],
                new Node[0])));
        consumer.updateEndOffsets(Map.of(PARTITION, offset));
        answers.start();
        await().atMost(WAIT).until(() -> answers.started().isDone());
    }

    @AfterEach
    void close() {
        answers.close();
    }

    @Test
    void shouldCompleteEachCallWithTheAnswerThatNamesItPastUnreadableAndUnawaitedOnes() throws Exception {
        CompletableFuture<String> first = answers.send(producer, "call-1", () -> request("call-1"));
        CompletableFuture<String> second = answers.send(producer, "call-2", () -> request("call-2"));
        await().atMost(WAIT).until(() -> producer.history().size() == 2);

        answer("garbage");
        answer("nobody=waits");
        answer("call-2=two");
        answer("call-1=one");

        assertThat(second.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("two");
        assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS)).isEqualTo("one");
        assertThat(answers.alive()).isTrue();
    }

    @Test
    void shouldFailTheCallWhoseRequestCannotBeWrittenOrMade() {
        CompletableFuture<String> refused = answers.send(producer, "call-1", () -> request("call-1"));
        await().atMost(WAIT).until(() -> producer.history().size() == 1);
        producer.errorNext(new KafkaException("not written"));
        CompletableFuture<String> unmade = answers.send(producer, "call-2", () -> {
            throw new SerializationException("cannot encode");
        });

        await().atMost(WAIT).until(() -> refused.isDone() && unmade.isDone());
        assertThat(refused).isCompletedExceptionally();
        assertThat(unmade).isCompletedExceptionally();
    }

    @Test
    void shouldFailEveryWaitingCallOnceItsReaderStops() {
        CompletableFuture<String> waiting = answers.send(producer, "call-1", () -> request("call-1"));
        await().atMost(WAIT).until(() -> producer.history().size() == 1);

        consumer.setPollException(new KafkaException("broker gone"));

        await().atMost(WAIT).until(waiting::isDone);
        assertThat(waiting).isCompletedExceptionally();
        assertThat(answers.alive()).isFalse();
    }

    private static ProducerRecord<String, byte[]> request(String callId) {
        return new ProducerRecord<>(REQUESTS, callId, callId.getBytes(StandardCharsets.UTF_8));
    }

    private void answer(String value) {
        consumer.addRecord(new ConsumerRecord<>(ANSWERS, 0, offset++, null, value.getBytes(StandardCharsets.UTF_8)));
    }
}
