package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.TopicTail;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.CommandResult;
import com.chatplugify.webhooks.common.subscriptions.RoutingAck;
import java.time.Duration;
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
 * Follows what the API's webhook writes wait for: the owner's results ({@code chatplugify.subscription-command-results})
 * and the router's acknowledgements ({@code chatplugify.routing-acks}), every partition, from where the topics ended
 * when it started (no call waits for anything older).
 */
public final class WriteConfirmations implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(WriteConfirmations.class);
    private static final Duration EVICT_EVERY = Duration.ofMinutes(1);

    private final TopicTail tail;
    private final Map<String, CompletableFuture<CommandResult>> waiting = new ConcurrentHashMap<>();
    private final RoutingProgress routing = new RoutingProgress();
    private final CommandCodec results;
    private final JsonSerde<RoutingAck> ackSerde = new JsonSerde<>(RoutingAck.class);
    private long evictedAt = System.nanoTime();

    /**
     * @param consumer a consumer without a group; owned from now on
     * @param results  reads the owner's results (and opens the secrets of their webhooks)
     */
    public WriteConfirmations(Consumer<String, byte[]> consumer, CommandCodec results, String name) {
        this.results = results;
        this.tail = new TopicTail(consumer, List.of(Topics.SUBSCRIPTION_COMMAND_RESULTS, Topics.ROUTING_ACKS), name,
                "Write confirmations", this::read, this::failWaiters);
    }

    /** Confirmations on a consumer of their own, whose fetches return as soon as it polls (calls wait on them). */
    public static WriteConfirmations create(WebhooksConfig config, CommandCodec results, String name) {
        return new WriteConfirmations(TopicTail.consumer(config, name), results, name);
    }

    public WriteConfirmations start() {
        tail.start();
        return this;
    }

    /** Completes once the consumer's positions are fixed: a result written from then on will be seen. */
    public CompletableFuture<Void> started() {
        return tail.started();
    }

    public boolean alive() {
        return tail.alive();
    }

    public Optional<Throwable> failure() {
        return tail.failure();
    }

    /** The result of command {@code commandId}: ask before sending the command. Forget it once done waiting. */
    CompletableFuture<CommandResult> resultOf(String commandId) {
        return waiting.computeIfAbsent(commandId, id -> new CompletableFuture<>());
    }

    void forget(String commandId) {
        waiting.remove(commandId);
    }

    /** Completes once the router has applied the subscription record at {@code offset} of {@code partition}. */
    CompletableFuture<RoutingAck.Status> routed(String webhookId, int partition, long offset) {
        return routing.await(webhookId, partition, offset);
    }

    @Override
    public void close() {
        tail.close();
    }

    private void read(ConsumerRecords<String, byte[]> records) {
        records.forEach(this::take);
        if (System.nanoTime() - evictedAt > EVICT_EVERY.toNanos()) {
            evictedAt = System.nanoTime();
            routing.evict(evictedAt);
        }
    }

    private void take(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            log.warn("Ignoring an empty record at {}-{}@{}", record.topic(), record.partition(), record.offset());
            return;
        }
        try {
            if (Topics.ROUTING_ACKS.equals(record.topic())) {
                routing.acknowledged(ackSerde.deserialize(record.topic(), record.value()), System.nanoTime());
            } else {
                CommandResult result = results.decodeResult(record.value());
                CompletableFuture<CommandResult> call = waiting.remove(result.commandId());
                if (call != null) {
                    call.complete(result);
                }
            }
        } catch (SerializationException e) {
            log.warn("Ignoring an unreadable record at {}-{}@{}", record.topic(), record.partition(), record.offset());
        }
    }

    private void failWaiters() {
        IllegalStateException closed = new IllegalStateException("write confirmations stopped");
        waiting.values().forEach(future -> future.completeExceptionally(closed));
        routing.failAll(closed);
    }
}
