package com.chatplugify.webhooks.ingest.owner;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.AdminEndOffsets;
import com.chatplugify.webhooks.common.kafka.EndOffsets;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.ReadFrom;
import com.chatplugify.webhooks.common.kafka.TopicPartitions;
import com.chatplugify.webhooks.common.kafka.TopicReader;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.common.operations.OperationalEventMetrics;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.CommandResult;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.webhooks.WebhookChangeLog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnsupportedVersionException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one writer of {@code chatplugify.subscriptions}: consumes {@code chatplugify.subscription-commands} in a
 * consumer group (each partition, hence each webhook, has a single owner at a time, whichever ingest instance holds
 * it) and applies each command to the webhook's current state with Kafka's consume-transform-produce pattern. The
 * new subscription (or tombstone), the command's result and the consumed offsets commit in one transaction, sent
 * with the consumer's group metadata, so an owner that lost its partitions (a zombie) is fenced off.
 *
 * <p>The current state is the subscription view, which has read every committed write: after an assignment the
 * owner waits until the view has read the subscriptions topic up to its end (transactions in flight included), and
 * after each transaction until it has read that transaction's writes; within a batch, the batch's own writes take
 * precedence.
 *
 * <p>A change that disables or enables a webhook also writes its operational event to
 * {@code chatplugify.operational-events}, in the same transaction: exactly one per change, whoever asked for it.
 */
public final class SubscriptionOwner implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(SubscriptionOwner.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    /** How long the view may take to read what the owner needs; beyond it the owner stops (and says so). */
    private static final Duration VIEW_WAIT = Duration.ofSeconds(60);
    /** An owner that dies mid-transaction blocks readers of its partitions until the broker aborts it. */
    private static final Duration TRANSACTION_TIMEOUT = Duration.ofSeconds(10);
    /** How many times a commit that timed out is asked, in all, before a new producer settles it. */
    private static final int COMMIT_TRIES = 3;
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /** A killed instance's webhooks move to another owner after this. */
    static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);

    private final Consumer<String, byte[]> consumer;
    private final Supplier<Producer<String, byte[]>> producers;
    /** Read uncommitted: the subscriptions topic's high watermarks. */
    private final EndOffsets highWatermarks;
    private final SubscriptionView view;
    private final CommandApplier applier;
    private final Clock clock;
    private final TopicReader reader;
    private final SubscriptionCodec subscriptions;
    private final CommandCodec commands;
    private final JsonSerde<OperationalEvent> operationalEvents = new JsonSerde<>(OperationalEvent.class);
    private final OperationalEventMetrics metrics;
    private volatile Producer<String, byte[]> producer;
    private volatile boolean joined;
    /** Set on an assignment, read by the loop: only the loop's thread runs the rebalance callbacks. */
    private boolean catchUpNeeded;

    /** The owner's batches of commands: it starts with a producer of its own, and applies each batch. */
    private final class Commands implements TopicReader.Handler {
        @Override
        public void open() {
            producer = newProducer();
        }

        @Override
        public void read(ConsumerRecords<String, byte[]> records) {
            own(records);
        }
    }

    private final class Assignments implements ConsumerRebalanceListener {
        @Override
        public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
            joined = true;
            catchUpNeeded |= !partitions.isEmpty();
        }

        @Override
        public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
            // Nothing to finish: each batch commits before the next poll, and callbacks run only in a poll.
        }
    }

    /** One command of a batch and what the owner decided, its write on its way. */
    private record Pending(SubscriptionCommand command, Decision decision, Future<RecordMetadata> write,
                           Optional<OperationalEvent> operational) {
    }

    /** One command of a batch, what the owner decided, and where its write went (null: nothing written). */
    private record Applied(SubscriptionCommand command, Decision decision, RecordMetadata writtenAt,
                           Optional<OperationalEvent> operational) {
    }

    /** @param producers makes a transactional producer, at start and again when one can no longer be used */
    SubscriptionOwner(Consumer<String, byte[]> consumer, Supplier<Producer<String, byte[]>> producers,
                      EndOffsets highWatermarks, SubscriptionView view, CommandApplier applier, SubscriptionCodec subscriptions,
                      OperationalEventMetrics metrics, Clock clock) {
        this.metrics = metrics;
        this.consumer = consumer;
        this.subscriptions = subscriptions;
        this.commands = new CommandCodec(subscriptions);
        this.producers = producers;
        this.highWatermarks = highWatermarks;
        this.view = view;
        this.applier = applier;
        this.clock = clock;
        this.reader = new TopicReader("subscription-owner", "Subscription owner", consumer,
                ReadFrom.committed(Topics.SUBSCRIPTION_COMMANDS, new Assignments()), POLL_TIMEOUT, new Commands());
    }

    /**
     * An owner in consumer group {@code groupId}, with a transactional producer of its own.
     *
     * @param subscriptions encrypts the secrets of what the owner writes, with {@code secrets.key}
     */
    public static SubscriptionOwner create(WebhooksConfig config, String groupId, SubscriptionView view,
                                           CommandApplier applier, SubscriptionCodec subscriptions,
                                           OperationalEventMetrics metrics, Clock clock) {
        Map<String, Object> producerProps = KafkaClients.producer(config, "subscription-owner");
        producerProps.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, groupId + "-" + UUID.randomUUID());
        producerProps.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, (int) TRANSACTION_TIMEOUT.toMillis());
        return new SubscriptionOwner(
                new KafkaConsumer<>(consumerProperties(config, groupId), new StringDeserializer(),
                        new ByteArrayDeserializer()),
                () -> new KafkaProducer<>(producerProps, new StringSerializer(), new ByteArraySerializer()),
                AdminEndOffsets.connect(config, "subscription-owner-admin", IsolationLevel.READ_UNCOMMITTED),
                view, applier, subscriptions, metrics, clock);
    }

    /**
     * The owner's consumer. A killed instance's webhooks get another owner once its session times out: until then
     * their writes answer 503, so the session is as short as the other groups' (Kafka's default is 45 s), unless
     * {@code kafka.session.timeout.ms} says otherwise.
     */
    static Map<String, Object> consumerProperties(WebhooksConfig config, String groupId) {
        Map<String, Object> props = KafkaClients.consumer(config, groupId, "subscription-owner");
        props.putIfAbsent(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, (int) SESSION_TIMEOUT.toMillis());
        return props;
    }

    public SubscriptionOwner start() {
        reader.start();
        return this;
    }

    /** Whether the group has given this owner its share of the commands' partitions (possibly none). */
    public boolean joined() {
        return joined;
    }

    public boolean alive() {
        return reader.alive();
    }

    public Optional<Throwable> failure() {
        return reader.failure();
    }

    @Override
    public void close() {
        reader.close();
        Producer<String, byte[]> last = producer;
        if (last != null) {
            last.close(CLOSE_TIMEOUT);
        }
        highWatermarks.close();
    }

    private void own(ConsumerRecords<String, byte[]> records) {
        if (records.isEmpty()) {
            return;
        }
        if (catchUpNeeded) {
            awaitViewAtEndOfSubscriptions();
            catchUpNeeded = false;
        }
        List<Applied> applied = applyInTransaction(records);
        if (applied != null) {
            logChanges(applied);
            applied.forEach(one -> one.operational().ifPresent(metrics::written));
            awaitViewAfter(applied);
        }
    }

    /**
     * Applies a batch in one transaction; null when it was aborted (the consumer is rewound to the batch's start,
     * so it is applied again, with a new producer if this one can no longer be used) or when its commit's outcome
     * stayed unknown (the consumer resumes after what the group committed). A producer not allowed to
     * write ends the loop: that is the operator's to fix.
     */
    private List<Applied> applyInTransaction(ConsumerRecords<String, byte[]> records) {
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        producer.beginTransaction();
        try {
            Map<String, Optional<Subscription>> written = new HashMap<>();
            List<Pending> pending = new ArrayList<>();
            for (ConsumerRecord<String, byte[]> record : records) {
                SubscriptionCommand command = read(record);
                if (command == null) {
                    continue;
                }
                Optional<Subscription> current = written.containsKey(command.webhookId())
                        ? written.get(command.webhookId()) : view.get(command.webhookId());
                Decision decision = applier.apply(command, current, now);
                Optional<OperationalEvent> operational = EnablementEvents.of(current, decision, now);
                pending.add(new Pending(command, decision, write(command.webhookId(), decision, written), operational));
                operational.ifPresent(event -> producer.send(new ProducerRecord<>(Topics.OPERATIONAL_EVENTS,
                        event.webhookId(), operationalEvents.serialize(Topics.OPERATIONAL_EVENTS, event))));
            }
            producer.flush();
            List<Applied> applied = new ArrayList<>();
            for (Pending one : pending) {
                RecordMetadata at = one.write() == null ? null : one.write().get();
                applied.add(new Applied(one.command(), one.decision(), at, one.operational()));
                CommandResult result = one.decision().result(one.command().id(), one.command().webhookId(),
                        at == null ? null : at.partition(), at == null ? null : at.offset());
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTION_COMMAND_RESULTS, one.command().webhookId(),
                        commands.encode(result)));
            }
            producer.sendOffsetsToTransaction(nextOffsets(records), consumer.groupMetadata());
            if (!committed()) {
                resumeWhereTheGroupCommitted(records);
                return null;
            }
            return applied;
        } catch (AuthorizationException | UnsupportedVersionException e) {
            throw e;
        } catch (ProducerFencedException | OutOfOrderSequenceException e) {
            log.warn("Subscription owner's producer can no longer write ({}); a new one applies the batch again", e.toString());
            replaceProducer();
            rewind(records);
            return null;
        } catch (KafkaException | ExecutionException e) {
            // Most often the group moved these partitions to another owner (the commit is then refused), or the
            // broker did not answer in time: start the batch again, here if the partitions are still ours.
            log.warn("Subscription owner aborted a batch of {} commands, to be applied again: {}", records.count(),
                    e.toString());
            abort();
            rewind(records);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            producer.abortTransaction();
            throw new IllegalStateException("Interrupted while applying subscription commands", e);
        }
    }

    /**
     * Commits the transaction. A commit that timed out (after the producer's {@code max.block.ms}) may have gone
     * through, so it is never aborted: as Kafka's producer allows, it is asked again, {@link #COMMIT_TRIES} times in
     * all. False when the outcome is still unknown then; the producer is replaced, which settles the transaction
     * either way.
     */
    private boolean committed() {
        for (int tries = 1; ; tries++) {
            try {
                producer.commitTransaction();
                return true;
            } catch (org.apache.kafka.common.errors.TimeoutException e) {
                if (tries == COMMIT_TRIES) {
                    log.warn("Subscription owner could not learn whether its transaction committed ({}); a new "
                            + "producer settles it", e.toString());
                    replaceProducer();
                    return false;
                }
                log.warn("Subscription owner's commit timed out ({}); asking again", e.toString());
            } catch (KafkaException e) {
                if (tries == 1) {
                    throw e;
                }
                log.warn("Subscription owner's commit failed after a timeout ({}); a new producer settles it",
                        e.toString());
                replaceProducer();
                return false;
            }
        }
    }

    /**
     * After a transaction whose outcome the owner does not know, settled since: each partition of the batch resumes
     * where the group's committed offset says, past the batch if it committed (nothing is applied twice), at its start
     * if not. The view catches up first, so that what comes next is judged against what was committed.
     */
    private void resumeWhereTheGroupCommitted(ConsumerRecords<String, byte[]> records) {
        catchUpNeeded = true;
        Set<TopicPartition> owned = new HashSet<>(records.partitions());
        owned.retainAll(consumer.assignment());
        Map<TopicPartition, OffsetAndMetadata> committed;
        try {
            committed = consumer.committed(owned);
        } catch (KafkaException e) {
            // Neither aborted nor rewound (the batch may have committed): the owner stops, and whoever owns the
            // partitions next starts from what the group committed.
            throw new IllegalStateException("Subscription owner cannot learn where its group committed after a "
                    + "transaction of unknown outcome; stopping", e);
        }
        for (TopicPartition partition : owned) {
            long batchStart = records.records(partition).get(0).offset();
            OffsetAndMetadata at = committed.get(partition);
            consumer.seek(partition, at == null ? batchStart : Math.max(batchStart, at.offset()));
        }
    }

    private void abort() {
        try {
            producer.abortTransaction();
        } catch (KafkaException e) {
            log.warn("Subscription owner could not abort its transaction ({}); a new producer takes over", e.toString());
            replaceProducer();
        }
    }

    /** A new producer with the same transactional id: initializing it aborts whatever the old one left open. */
    private void replaceProducer() {
        producer.close(Duration.ZERO);
        producer = newProducer();
    }

    private Producer<String, byte[]> newProducer() {
        Producer<String, byte[]> created = producers.get();
        created.initTransactions();
        return created;
    }

    private Future<RecordMetadata> write(String webhookId, Decision decision, Map<String, Optional<Subscription>> written) {
        return switch (decision.write()) {
            case PUT -> {
                written.put(webhookId, Optional.of(decision.webhook()));
                yield producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhookId,
                        subscriptions.encode(decision.webhook())));
            }
            case TOMBSTONE -> {
                written.put(webhookId, Optional.empty());
                yield producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhookId, null));
            }
            case NOTHING -> null;
        };
    }

    /** A command the owner cannot read has no one to answer: it is logged with its position and skipped. */
    private SubscriptionCommand read(ConsumerRecord<String, byte[]> record) {
        try {
            SubscriptionCommand command = commands.decode(record.value());
            if (command != null && command.webhookId().equals(record.key())) {
                return command;
            }
        } catch (SerializationException e) {
            // Not the parser's message: it may quote the command, and commands hold secrets.
        }
        LogContext.webhook(String.valueOf(record.key())).at(record)
                .run(() -> log.warn("Skipping a subscription command that is not one, or not keyed by its webhook id"));
        return null;
    }

    private static Map<TopicPartition, OffsetAndMetadata> nextOffsets(ConsumerRecords<String, byte[]> records) {
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        for (TopicPartition partition : records.partitions()) {
            List<ConsumerRecord<String, byte[]>> batch = records.records(partition);
            offsets.put(partition, new OffsetAndMetadata(batch.get(batch.size() - 1).offset() + 1));
        }
        return offsets;
    }

    private void rewind(ConsumerRecords<String, byte[]> records) {
        for (TopicPartition partition : records.partitions()) {
            if (consumer.assignment().contains(partition)) {
                consumer.seek(partition, records.records(partition).get(0).offset());
            }
        }
    }

    private static void logChanges(List<Applied> applied) {
        for (Applied one : applied) {
            if (one.decision().status() != CommandResult.Status.APPLIED) {
                continue;
            }
            SubscriptionCommand command = one.command();
            switch (command.kind()) {
                case CREATE -> WebhookChangeLog.changed("created", one.decision().webhook());
                case REPLACE -> WebhookChangeLog.changed("replaced", one.decision().webhook());
                case ROTATE_SECRET -> WebhookChangeLog.changed("secret rotated", one.decision().webhook());
                case DISABLE -> WebhookChangeLog.changed("disabled (" + command.reason() + ")", one.decision().webhook());
                case DELETE -> WebhookChangeLog.deleted(command.webhookId());
            }
        }
    }

    /**
     * Waits until the view has read the subscriptions topic up to its high watermark, which covers the writes of
     * any transaction still open (a previous owner's): the view passes them only once they are committed or
     * aborted. The consumer fetched this owner's positions only once that owner's offsets were settled.
     */
    private void awaitViewAtEndOfSubscriptions() {
        List<TopicPartition> partitions = TopicPartitions.of(consumer, Topics.SUBSCRIPTIONS, VIEW_WAIT);
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        try {
            highWatermarks.of(partitions).get(VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS).forEach((partition, end) -> {
                if (end > 0) {
                    reads.add(view.awaitOffset(partition.partition(), end - 1));
                }
            });
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot read where the subscriptions topic ends: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading where the subscriptions topic ends", e);
        }
        await(reads, "the end of the subscriptions topic");
    }

    private void awaitViewAfter(List<Applied> applied) {
        Map<Integer, Long> last = new HashMap<>();
        for (Applied one : applied) {
            if (one.writtenAt() != null) {
                last.merge(one.writtenAt().partition(), one.writtenAt().offset(), Math::max);
            }
        }
        List<CompletableFuture<Void>> reads = new ArrayList<>();
        last.forEach((partition, offset) -> reads.add(view.awaitOffset(partition, offset)));
        await(reads, "the owner's own writes");
    }

    private static void await(List<CompletableFuture<Void>> reads, String what) {
        try {
            CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new))
                    .get(VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The subscription view did not read " + what + " within " + VIEW_WAIT
                    + "; the owner cannot apply commands without it: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the subscription view", e);
        }
    }
}
