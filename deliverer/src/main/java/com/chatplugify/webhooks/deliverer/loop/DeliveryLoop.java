package com.chatplugify.webhooks.deliverer.loop;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.attempt.AttemptOutcome;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryAttempter;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Set;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.Headers;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Consumes deliveries, attempts each batch concurrently, moves failures on, and commits once every outcome of
 * the batch is durable.
 */
public final class DeliveryLoop implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DeliveryLoop.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final Producer<String, byte[]> producer;
    private final SubscriptionView subscriptions;
    private final DeliveryAttempter attempter;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final JsonSerde<Delivery> serde = new JsonSerde<>(Delivery.class);
    private final Thread thread;
    private volatile Set<TopicPartition> assignment = Set.of();
    private volatile boolean running = true;
    private volatile Throwable failure;

    public DeliveryLoop(Consumer<String, byte[]> consumer, Producer<String, byte[]> producer,
                        SubscriptionView subscriptions, DeliveryAttempter attempter, DeliveryMetrics metrics, Clock clock) {
        this.consumer = consumer;
        this.producer = producer;
        this.subscriptions = subscriptions;
        this.attempter = attempter;
        this.metrics = metrics;
        this.clock = clock;
        this.thread = new Thread(this::run, "deliverer-loop");
    }

    public DeliveryLoop start() {
        thread.start();
        return this;
    }

    public boolean alive() {
        return thread.isAlive();
    }

    /** Whether the group has given this instance partitions (read from other threads, so kept aside). */
    public boolean assigned() {
        return !assignment.isEmpty();
    }

    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.DELIVERIES), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assignment = Set.copyOf(consumer.assignment());
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assignment = Set.copyOf(consumer.assignment());
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                if (records.isEmpty()) {
                    continue;
                }
                List<CompletableFuture<Void>> outcomes = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    outcomes.add(handle(record));
                }
                CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).join();
                consumer.commitSync();
            }
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            // The loop boundary: a failure here stops this instance's deliveries and shows in /health.
            failure = e;
            log.error("Delivery loop stopped", e);
        } finally {
            consumer.close();
        }
    }

    private CompletableFuture<Void> handle(ConsumerRecord<String, byte[]> record) {
        Delivery delivery;
        try {
            delivery = serde.deserialize(record.topic(), record.value());
        } catch (SerializationException e) {
            return deadLetter(record, "unreadable_delivery", null, e.getMessage());
        }
        if (delivery == null) {
            return deadLetter(record, "unreadable_delivery", null, "empty record");
        }
        Instant written = Instant.ofEpochMilli(record.timestamp());
        return subscriptions.awaitCaughtUp(written)
                .orTimeout(VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .thenCompose(ignored -> deliver(record, delivery))
                .exceptionallyCompose(e -> retry(record, null, "subscription state unavailable: " + e.getMessage()));
    }

    private CompletableFuture<Void> deliver(ConsumerRecord<String, byte[]> record, Delivery delivery) {
        Optional<Subscription> subscription = subscriptions.get(delivery.webhookId());
        if (subscription.isEmpty()) {
            log.info("Dropping delivery of deleted webhook webhookId={} eventId={}", delivery.webhookId(), delivery.event().id());
            return CompletableFuture.completedFuture(null);
        }
        if (!subscription.get().enabled()) {
            return deadLetter(record, "webhook_disabled", null, "webhook is disabled");
        }
        return attempter.attempt(delivery, subscription.get()).thenCompose(result -> {
            AttemptOutcome outcome = result.outcome();
            if (outcome instanceof AttemptOutcome.Delivered) {
                return CompletableFuture.completedFuture(null);
            }
            Integer status = result.http().responded() ? result.http().status() : null;
            if (outcome instanceof AttemptOutcome.Gone) {
                return deadLetter(record, "endpoint_gone", status, "HTTP 410 Gone");
            }
            return retry(record, status, ((AttemptOutcome.RetryLater) outcome).reason());
        });
    }

    private CompletableFuture<Void> retry(ConsumerRecord<String, byte[]> record, Integer status, String error) {
        ProducerRecord<String, byte[]> retry = new ProducerRecord<>(Topics.retryTier(1), record.key(), record.value());
        Headers headers = retry.headers();
        put(headers, DeliveryHeaders.ATTEMPTS, "1");
        put(headers, DeliveryHeaders.DUE_AT, Long.toString(clock.millis()));
        if (status != null) {
            put(headers, DeliveryHeaders.LAST_STATUS, status.toString());
        }
        put(headers, DeliveryHeaders.LAST_ERROR, error);
        metrics.retryScheduled(1);
        return send(retry);
    }

    private CompletableFuture<Void> deadLetter(ConsumerRecord<String, byte[]> record, String reason, Integer status,
                                               String error) {
        ProducerRecord<String, byte[]> dead = new ProducerRecord<>(Topics.DLQ, record.key(), record.value());
        Headers headers = dead.headers();
        put(headers, DeliveryHeaders.REASON, reason);
        put(headers, DeliveryHeaders.ATTEMPTS, "0");
        if (status != null) {
            put(headers, DeliveryHeaders.LAST_STATUS, status.toString());
        }
        put(headers, DeliveryHeaders.LAST_ERROR, error);
        put(headers, DeliveryHeaders.FAILED_AT, clock.instant().toString());
        put(headers, DeliveryHeaders.ORIGIN_TOPIC, record.topic());
        put(headers, DeliveryHeaders.ORIGIN_PARTITION, Integer.toString(record.partition()));
        put(headers, DeliveryHeaders.ORIGIN_OFFSET, Long.toString(record.offset()));
        metrics.deadLettered(reason);
        return send(dead);
    }

    private CompletableFuture<Void> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Void> acked = new CompletableFuture<>();
        producer.send(record, (metadata, e) -> {
            if (e == null) {
                acked.complete(null);
            } else {
                acked.completeExceptionally(e);
            }
        });
        return acked;
    }

    private static void put(Headers headers, String name, String value) {
        headers.add(name, (value == null ? "" : value).getBytes(StandardCharsets.UTF_8));
    }
}
