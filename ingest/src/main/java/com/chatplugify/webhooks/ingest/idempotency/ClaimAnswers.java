package com.chatplugify.webhooks.ingest.idempotency;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.TopicTail;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code chatplugify.idempotency-results}, every partition, from where it ended at start-up, and hands each
 * answer to the call waiting for it (by request id); answers nobody waits for are dropped.
 */
public final class ClaimAnswers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ClaimAnswers.class);

    private final TopicTail tail;
    private final Map<String, CompletableFuture<ClaimResult>> waiting = new ConcurrentHashMap<>();
    private final JsonSerde<ClaimResult> serde = new JsonSerde<>(ClaimResult.class);

    /** @param consumer a consumer without a group; owned from now on */
    ClaimAnswers(Consumer<String, byte[]> consumer) {
        this.tail = new TopicTail(consumer, List.of(Topics.IDEMPOTENCY_RESULTS), "idempotency-answers",
                "Idempotency answers", this::read, this::failWaiters);
    }

    public static ClaimAnswers create(WebhooksConfig config) {
        return new ClaimAnswers(TopicTail.consumer(config, "idempotency-answers"));
    }

    public ClaimAnswers start() {
        tail.start();
        return this;
    }

    /** Completes once an answer written from then on will be seen. */
    public CompletableFuture<Void> started() {
        return tail.started();
    }

    public boolean alive() {
        return tail.alive();
    }

    public Optional<Throwable> failure() {
        return tail.failure();
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
        tail.close();
    }

    private void read(ConsumerRecords<String, byte[]> records) {
        for (ConsumerRecord<String, byte[]> record : records) {
            try {
                ClaimResult result = serde.deserialize(record.topic(), record.value());
                CompletableFuture<ClaimResult> call = result == null ? null : waiting.remove(result.requestId());
                if (call != null) {
                    call.complete(result);
                }
            } catch (SerializationException e) {
                log.warn("Ignoring an unreadable record at {}-{}@{}", record.topic(), record.partition(),
                        record.offset());
            }
        }
    }

    private void failWaiters() {
        IllegalStateException closed = new IllegalStateException("idempotency answers stopped");
        waiting.values().forEach(future -> future.completeExceptionally(closed));
    }
}
