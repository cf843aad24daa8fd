package com.chatplugify.webhooks.ingest.owner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.operations.OperationalEventMetrics;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.webhooks.SecretRotation;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A commit that times out may have gone through: the owner asks again rather than abort, and never applies a batch a
 * second time on top of its committed self.
 */
class SubscriptionOwnerCommitTimeoutTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");
    private static final TopicPartition COMMANDS = new TopicPartition(Topics.SUBSCRIPTION_COMMANDS, 0);

    private final SubscriptionCodec codec = SubscriptionCodec.withoutKeys();
    private final CommandCodec commands = new CommandCodec(codec);
    private final CommandsLog consumer = new CommandsLog();
    private final List<MockProducer<String, byte[]>> producers = new CopyOnWriteArrayList<>();
    private SubscriptionOwner owner;

    @AfterEach
    void stop() {
        if (owner != null) {
            owner.close();
        }
    }

    @Test
    void shouldAskAgainForACommitThatTimedOutAndApplyTheBatchOnce() {
        owner = start(new CommitUnanswered(true, () -> { }), Clock.fixed(T0, ZoneOffset.UTC));
        SubscriptionCommand first = SubscriptionCommand.delete("webhook_1", null, T0.plusSeconds(3600));
        SubscriptionCommand second = SubscriptionCommand.delete("webhook_2", null, T0.plusSeconds(3600));

        feed(first, second);

        await().atMost(Duration.ofSeconds(10)).until(() -> resultsOf(second) == 1);
        assertThat(resultsOf(first)).as("the batch committed once, not applied again").isEqualTo(1);
        assertThat(producers).as("the producer was kept").hasSize(1);
        assertThat(producers.get(0).commitCount()).isEqualTo(2);
        assertThat(owner.alive()).isTrue();
    }

    @Test
    void shouldResumeAfterWhatTheGroupCommittedWhenACommitNeverAnswers() {
        // The first commit went through (its offsets with it) but no answer ever comes, until the owner gives up.
        Runnable offsetsCommitted = () -> consumer.commitSync(Map.of(COMMANDS, new OffsetAndMetadata(1)));
        owner = start(new CommitUnanswered(false, offsetsCommitted), Clock.fixed(T0, ZoneOffset.UTC));
        SubscriptionCommand first = SubscriptionCommand.delete("webhook_1", null, T0.plusSeconds(3600));
        SubscriptionCommand second = SubscriptionCommand.delete("webhook_2", null, T0.plusSeconds(3600));

        feed(first, second);

        await().atMost(Duration.ofSeconds(10)).until(() -> resultsOf(second) == 1);
        assertThat(resultsOf(first)).as("the committed batch is not applied again").isEqualTo(1);
        assertThat(producers).as("a new producer settled the transaction").hasSize(2);
        assertThat(owner.alive()).isTrue();
    }

    private SubscriptionOwner start(MockProducer<String, byte[]> first, Clock clock) {
        consumer.updatePartitions(Topics.SUBSCRIPTION_COMMANDS, List.of(partition(Topics.SUBSCRIPTION_COMMANDS)));
        consumer.updatePartitions(Topics.SUBSCRIPTIONS, List.of(partition(Topics.SUBSCRIPTIONS)));
        consumer.updateBeginningOffsets(Map.of(COMMANDS, 0L));
        Supplier<Producer<String, byte[]>> supplier = () -> {
            MockProducer<String, byte[]> next = producers.isEmpty() ? first
                    : new MockProducer<>(true, null, new StringSerializer(), new ByteArraySerializer());
            producers.add(next);
            return next;
        };
        SubscriptionView view = new SubscriptionView(new MockConsumer<>("earliest"),
                partitions -> CompletableFuture.completedFuture(Map.of()), codec, "test-view");
        return new SubscriptionOwner(consumer, supplier, partitions -> CompletableFuture.completedFuture(Map.of()),
                view, new CommandApplier(new SecretRotation(Duration.ofHours(1))), codec,
                new OperationalEventMetrics(new SimpleMeterRegistry(), List.of(), List.of()), clock).start();
    }

    /** The first command arrives alone, in the owner's first batch; the second once the first is answered. */
    private void feed(SubscriptionCommand first, SubscriptionCommand second) {
        consumer.schedulePollTask(() -> consumer.rebalance(List.of(COMMANDS)));
        consumer.log.add(record(0, first));
        await().atMost(Duration.ofSeconds(10)).until(() -> resultsOf(first) >= 1);
        consumer.log.add(record(1, second));
    }

    private ConsumerRecord<String, byte[]> record(long offset, SubscriptionCommand command) {
        return new ConsumerRecord<>(COMMANDS.topic(), COMMANDS.partition(), offset, command.webhookId(),
                commands.encode(command));
    }

    private long resultsOf(SubscriptionCommand command) {
        return producers.stream()
                .flatMap(producer -> producer.history().stream())
                .filter(sent -> sent.topic().equals(Topics.SUBSCRIPTION_COMMAND_RESULTS))
                .filter(sent -> commands.decodeResult(sent.value()).commandId().equals(command.id()))
                .count();
    }

    private static PartitionInfo partition(String topic) {
        Node node = new Node(0, "127.0.0.1", 9092);
        return new PartitionInfo(topic, 0, node, new Node[] {node}, new Node[] {node});
    }

    /**
     * A producer whose first commit goes through but whose answer does not come in time, as a real broker may leave
     * it: aborting is then refused, and asking again answers ({@code answersAgain}) or times out again.
     */
    private static final class CommitUnanswered extends MockProducer<String, byte[]> {
        private final boolean answersAgain;
        private final Runnable onFirstCommit;
        private boolean timedOutOnce;
        private boolean outcomeUnknown;

        CommitUnanswered(boolean answersAgain, Runnable onFirstCommit) {
            super(true, null, new StringSerializer(), new ByteArraySerializer());
            this.answersAgain = answersAgain;
            this.onFirstCommit = onFirstCommit;
        }

        @Override
        public synchronized void commitTransaction() {
            if (outcomeUnknown) {
                if (!answersAgain) {
                    throw new TimeoutException("Timeout expired while awaiting EndTxn(true)");
                }
                outcomeUnknown = false;
                return;
            }
            super.commitTransaction();
            if (!timedOutOnce) {
                timedOutOnce = true;
                outcomeUnknown = true;
                onFirstCommit.run();
                throw new TimeoutException("Timeout expired after 60000ms while awaiting EndTxn(true)");
            }
        }

        @Override
        public synchronized void abortTransaction() {
            if (outcomeUnknown) {
                throw new KafkaException("The previous call to commitTransaction timed out and must be retried");
            }
            super.abortTransaction();
        }
    }

    /**
     * The commands' partition as a log: each poll hands out what lies from the consumer's position on, so a consumer
     * rewound reads the same records again.
     */
    private static final class CommandsLog extends MockConsumer<String, byte[]> {
        final List<ConsumerRecord<String, byte[]>> log = new CopyOnWriteArrayList<>();

        CommandsLog() {
            super("earliest");
        }

        @Override
        public synchronized ConsumerRecords<String, byte[]> poll(Duration timeout) {
            if (assignment().contains(COMMANDS)) {
                long position = position(COMMANDS);
                log.stream().filter(record -> record.offset() >= position).forEach(this::addRecord);
            }
            return super.poll(timeout);
        }
    }
}
