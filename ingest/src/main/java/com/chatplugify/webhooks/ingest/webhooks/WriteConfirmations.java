package com.chatplugify.webhooks.ingest.webhooks;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.AwaitedAnswers;
import com.chatplugify.webhooks.common.kafka.TopicReader;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.CommandResult;
import com.chatplugify.webhooks.common.subscriptions.RoutingAck;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
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

    private final AwaitedAnswers<CommandResult> results;
    private final RoutingProgress routing = new RoutingProgress();

    /**
     * @param consumer a consumer without a group; owned from now on
     * @param results  reads the owner's results (and opens the secrets of their webhooks)
     */
    public WriteConfirmations(Consumer<String, byte[]> consumer, CommandCodec results, String name) {
        this.results = new AwaitedAnswers<>(consumer, List.of(Topics.SUBSCRIPTION_COMMAND_RESULTS, Topics.ROUTING_ACKS),
                name, "Write confirmations", new Confirmations(results));
    }

    /** Confirmations on a consumer of their own, whose fetches return as soon as it polls (calls wait on them). */
    public static WriteConfirmations create(WebhooksConfig config, CommandCodec results, String name) {
        return new WriteConfirmations(TopicReader.consumer(config, name), results, name);
    }

    public WriteConfirmations start() {
        results.start();
        return this;
    }

    /** Completes once the consumer's positions are fixed: a result written from then on will be seen. */
    public CompletableFuture<Void> started() {
        return results.started();
    }

    public boolean alive() {
        return results.alive();
    }

    public Optional<Throwable> failure() {
        return results.failure();
    }

    /** Sends command {@code commandId} once results are followed, and completes with its result; forget it once done. */
    CompletableFuture<CommandResult> send(Producer<String, byte[]> producer, String commandId,
                                          Supplier<ProducerRecord<String, byte[]>> command) {
        return results.send(producer, commandId, command);
    }

    void forget(String commandId) {
        results.forget(commandId);
    }

    /** Completes once the router has applied the subscription record at {@code offset} of {@code partition}. */
    CompletableFuture<RoutingAck.Status> routed(String webhookId, int partition, long offset) {
        return routing.await(webhookId, partition, offset);
    }

    @Override
    public void close() {
        results.close();
    }

    /** The owner's results answer the calls; the router's acknowledgements go to {@link RoutingProgress}. */
    private final class Confirmations implements AwaitedAnswers.Reading<CommandResult> {

        private final CommandCodec codec;
        private final JsonSerde<RoutingAck> acks = new JsonSerde<>(RoutingAck.class);
        private long evictedAt = System.nanoTime();

        Confirmations(CommandCodec codec) {
            this.codec = codec;
        }

        @Override
        public AwaitedAnswers.Answer<CommandResult> read(ConsumerRecord<String, byte[]> record) {
            if (record.value() == null) {
                log.warn("Ignoring an empty record at {}-{}@{}", record.topic(), record.partition(), record.offset());
                return null;
            }
            if (Topics.ROUTING_ACKS.equals(record.topic())) {
                routing.acknowledged(acks.deserialize(record.topic(), record.value()), System.nanoTime());
                return null;
            }
            CommandResult result = codec.decodeResult(record.value());
            return new AwaitedAnswers.Answer<>(result.commandId(), result);
        }

        @Override
        public void polled() {
            if (System.nanoTime() - evictedAt > EVICT_EVERY.toNanos()) {
                evictedAt = System.nanoTime();
                routing.evict(evictedAt);
            }
        }

        @Override
        public void stopped(Throwable cause) {
            routing.failAll(cause);
        }
    }
}
