package com.chatplugify.webhooks.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.AwaitedAnswers;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A settle outlives a key owners' rebalance: it may be applied until the claim lapses, and is sent until answered. */
class IdempotencyClaimsSettleTest {

    private static final Duration TIMEOUT = Duration.ofMillis(200);
    private static final TopicPartition RESULTS = new TopicPartition(Topics.IDEMPOTENCY_RESULTS, 0);
    private static final IdempotencyKey KEY = new IdempotencyKey("token:test", "key-1");

    private final JsonSerde<ClaimCommand> commands = new JsonSerde<>(ClaimCommand.class);
    private final JsonSerde<ClaimResult> results = new JsonSerde<>(ClaimResult.class);
    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<String, byte[]> producer =
            new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
    private AwaitedAnswers<ClaimResult> answers;
    private IdempotencyClaims claims;

    @BeforeEach
    void start() {
        Node node = new Node(0, "127.0.0.1", 9092);
        consumer.updatePartitions(RESULTS.topic(),
                List.of(new PartitionInfo(RESULTS.topic(), 0, node, new Node[] {node}, new Node[] {node})));
        consumer.updateEndOffsets(Map.of(RESULTS, 0L));
        answers = new AwaitedAnswers<ClaimResult>(consumer, List.of(RESULTS.topic()), "test-answers", "Test answers",
                record -> {
                    ClaimResult result = results.deserialize(record.topic(), record.value());
                    return new AwaitedAnswers.Answer<>(result.requestId(), result);
                }).start();
        claims = new IdempotencyClaims(producer, answers, TIMEOUT, Duration.ofHours(24), Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        answers.close();
    }

    @Test
    void shouldSendTheSettleAgainUntilAnsweredWithTheLeasesEndAsItsExpiry() throws Exception {
        Instant leaseUntil = Instant.now().plusSeconds(30);

        CompletableFuture<ClaimResult> settle = claims.settle(KEY, "r1", List.of(0, 1), leaseUntil);

        await().atMost(Duration.ofSeconds(10)).until(() -> producer.history().size() >= 3);
        assertThat(settle).isNotDone();
        assertThat(producer.history()).allSatisfy(sent -> {
            ClaimCommand command = commands.deserialize(sent.topic(), sent.value());
            assertThat(command.kind()).isEqualTo(ClaimCommand.Kind.SETTLE);
            assertThat(command.requestId()).isEqualTo("r1");
            assertThat(command.expiresAt()).isEqualTo(leaseUntil);
        });

        answer(new ClaimResult("r1", ClaimResult.Verdict.SETTLED, List.of("evt_0", "evt_1"), Instant.now(),
                List.of(0, 1), null));

        assertThat(settle.get(10, java.util.concurrent.TimeUnit.SECONDS).verdict())
                .isEqualTo(ClaimResult.Verdict.SETTLED);
    }

    @Test
    void shouldGiveUpTheSettleWhenTheClaimLapses() {
        Instant leaseUntil = Instant.now().plus(ClaimDecider.ANSWER_MARGIN).plus(TIMEOUT.multipliedBy(3));

        CompletableFuture<ClaimResult> settle = claims.settle(KEY, "r1", List.of(0), leaseUntil);

        await().atMost(Duration.ofSeconds(10)).until(settle::isDone);
        assertThat(settle).failsWithin(Duration.ZERO).withThrowableOfType(java.util.concurrent.ExecutionException.class)
                .withCauseInstanceOf(TimeoutException.class);
        // Sent until the owner would refuse it: ANSWER_MARGIN before the lease ends.
        assertThat(Instant.now()).isAfterOrEqualTo(leaseUntil.minus(ClaimDecider.ANSWER_MARGIN));
        assertThat(producer.history().size()).isGreaterThanOrEqualTo(2);
    }

    private void answer(ClaimResult result) {
        consumer.schedulePollTask(() -> consumer.addRecord(new ConsumerRecord<>(RESULTS.topic(), 0, 0, "k",
                results.serialize(RESULTS.topic(), result))));
    }
}
