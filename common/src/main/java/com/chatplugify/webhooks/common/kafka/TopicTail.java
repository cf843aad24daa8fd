package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Follows topics, every partition, from where they ended when it started, on a consumer without a group and a
 * {@link ConsumerThread}: for the replies that calls wait for, none of which is older than the call that waits.
 */
public final class TopicTail implements AutoCloseable {

    /** How long a poll waits at most, and a fetch on {@link #consumer} before it returns. */
    public static final Duration POLL_TIMEOUT = Duration.ofMillis(50);

    /** Takes the records of one poll (possibly none), on the tail's thread. */
    @FunctionalInterface
    public interface Reader {
        void read(ConsumerRecords<String, byte[]> records);
    }

    private final Consumer<String, byte[]> consumer;
    private final List<String> topics;
    private final Reader reader;
    private final ConsumerThread thread;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    /**
     * @param consumer a consumer without a group; owned from now on
     * @param what     what the reader maintains, for the log line when it breaks
     * @param ended    run once the tail has stopped, whatever stopped it
     */
    public TopicTail(Consumer<String, byte[]> consumer, List<String> topics, String threadName, String what,
                     Reader reader, Runnable ended) {
        this.consumer = consumer;
        this.topics = List.copyOf(topics);
        this.reader = reader;
        this.thread = new ConsumerThread(threadName, what, consumer, this::follow, () -> {
            started.completeExceptionally(new IllegalStateException(what + " stopped"));
            ended.run();
        });
    }

    /** A consumer without a group whose fetches return as soon as it polls, since calls wait on what it reads. */
    public static Consumer<String, byte[]> consumer(WebhooksConfig config, String clientId) {
        Map<String, Object> properties = KafkaClients.consumer(config, null, clientId);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) POLL_TIMEOUT.toMillis());
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public void start() {
        thread.start();
    }

    /** Completes once the positions are fixed: a record written from then on will be read. */
    public CompletableFuture<Void> started() {
        return started;
    }

    public boolean alive() {
        return thread.alive();
    }

    public Optional<Throwable> failure() {
        return thread.failure();
    }

    @Override
    public void close() {
        thread.close();
    }

    private void follow(BooleanSupplier running) {
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics) {
            partitions.addAll(TopicPartitions.of(consumer, topic, Duration.ofSeconds(30)));
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        started.complete(null);
        while (running.getAsBoolean()) {
            reader.read(consumer.poll(POLL_TIMEOUT));
        }
    }
}
