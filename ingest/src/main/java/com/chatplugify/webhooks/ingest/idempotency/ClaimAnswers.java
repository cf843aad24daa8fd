package com.chatplugify.webhooks.ingest.idempotency;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.ConsumerThread;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code chatplugify.idempotency-results}, every partition, from where it ended at start-up, and hands each
 * answer to the call waiting for it (by request id); answers nobody waits for are dropped.
 */
public final class ClaimAnswers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClaimAnswers.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(50);

    private final Consumer<String, byte[]> consumer;
    private final ConsumerThread thread;
    private final CompletableFuture<Void> started = new CompletableFuture<>();
    private final Map<String, CompletableFuture<ClaimResult>> waiting = new ConcurrentHashMap<>();
    private final JsonSerde<ClaimResult> serde = new JsonSerde<>(ClaimResult.class);

    /** @param consumer a consumer without a group; owned from now on */
    ClaimAnswers(Consumer<String, byte[]> consumer) {
        this.consumer = consumer;
        this.thread = new ConsumerThread("idempotency-answers", "Idempotency answers", consumer, this::follow,
                this::failWaiters);
    }

    public static ClaimAnswers create(WebhooksConfig config) {
        Map<String, Object> properties = KafkaClients.consumer(config, null, "idempotency-answers");
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL_TIMEOUT.toMillis());
        return new ClaimAnswers(new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer()));
    }

    public ClaimAnswers start() {
        thread.start();
        return this;
    }

    /** Completes once an answer written from then on will be seen. */
    public CompletableFuture<Void> started() {
        return started;
    }

    public boolean alive() {
        return thread.alive();
    }

    public Optional<Throwable> failure() {
        return thread.failure();
    }

    /** The answer to request {@code requestId}: ask before sending the command; {@link #forget} it once done. */
    CompletableFuture<ClaimResult> answerTo(String requestId) {
        return waiting.computeIfAbsent(requestId, id -> new CompletableFuture<>());
    }

    void forget(String requestId) {
        waiting.remove(requestId);
    }

    @Override
    public void close() {
        thread.close();
    }

    private void follow(BooleanSupplier running) {
        List<PartitionInfo> infos = consumer.partitionsFor(Topics.IDEMPOTENCY_RESULTS, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic " + Topics.IDEMPOTENCY_RESULTS + " does not exist");
        }
        List<TopicPartition> partitions = infos.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        started.complete(null);
        while (running.getAsBoolean()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                take(record);
            }
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        try {
            ClaimResult result = serde.deserialize(record.topic(), record.value());
            CompletableFuture<ClaimResult> call = result == null ? null : waiting.remove(result.requestId());
            if (call != null) {
                call.complete(result);
            }
        } catch (SerializationException e) {
            log.warn("Ignoring an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    private void failWaiters() {
        IllegalStateException closed = new IllegalStateException("idempotency answers stopped");
        started.completeExceptionally(closed);
        waiting.values().forEach(future -> future.completeExceptionally(closed));
    }
}
