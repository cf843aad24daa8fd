package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.time.Duration;
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
 * Reads topics for as long as the process runs, on a consumer and a thread of its own: from where {@link ReadFrom}
 * says, it hands the records of each poll (possibly none) to a {@link Handler}. On the partitions it assigns itself
 * it keeps track of how far it has read, so that calls can wait until it has read a given record
 * ({@link #awaitOffset}) or everything written before they asked ({@link #awaitCaughtUp}). A reader whose thread
 * died is not {@link #alive()}, and every call waiting on it fails.
 */
public final class TopicReader implements AutoCloseable {

    /** What the reader hands its records to, on its thread. */
    @FunctionalInterface
    public interface Handler {

        /** Run first, before the consumer is positioned: for what {@link #read} needs and may take a while to set up. */
        default void open() {
        }

        /** Takes the records of one poll, possibly none. */
        void read(ConsumerRecords<String, byte[]> records);

        /** Run last, once the consumer is closed, whatever stopped the reader. */
        default void stopped() {
        }
    }

    private final Consumer<String, byte[]> consumer;
    private final ReadFrom from;
    private final Duration pollTimeout;
    private final Handler handler;
    private final ReadProgress progress;
    private final ConsumerThread thread;
    private final CompletableFuture<Void> started = new CompletableFuture<>();

    /**
     * @param what        what the reader maintains, for the log line when it breaks (e.g. "Subscription view")
     * @param consumer    without a group unless {@code from} is {@link ReadFrom#committed}; owned from now on
     * @param pollTimeout how long a poll waits for records at most: how soon the handler hears of a quiet topic
     */
    public TopicReader(String threadName, String what, Consumer<String, byte[]> consumer, ReadFrom from,
                       Duration pollTimeout, Handler handler) {
        this.consumer = consumer;
        this.from = from;
        this.pollTimeout = pollTimeout;
        this.handler = handler;
        this.progress = new ReadProgress(what);
        this.thread = new ConsumerThread(threadName, what, consumer, this::read, () -> {
            IllegalStateException stopped = new IllegalStateException(what + " stopped");
            started.completeExceptionally(stopped);
            progress.fail(stopped);
            handler.stopped();
        });
    }

    /**
     * A consumer without a group whose fetches return within {@code fetchMaxWait} when there is nothing new, for
     * readers that calls wait on: a broker answers a consumer's offset queries only after that consumer's pending
     * fetch, which by default it holds half a second.
     */
    public static Consumer<String, byte[]> promptConsumer(WebhooksConfig config, String clientId,
                                                          Duration fetchMaxWait) {
        Map<String, Object> properties = KafkaClients.consumer(config, null, clientId);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) fetchMaxWait.toMillis());
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    public void start() {
        thread.start();
    }

    /** Completes once the consumer is assigned (or subscribed) and positioned; fails if the reader stopped first. */
    public CompletableFuture<Void> started() {
        return started;
    }

    /** A reader whose thread died is not alive; {@link #failure()} says why. */
    public boolean alive() {
        return thread.alive();
    }

    public Optional<Throwable> failure() {
        return thread.failure();
    }

    /** Completes once the handler has been given the record at {@code offset} of {@code partition}. */
    public CompletableFuture<Void> awaitOffset(TopicPartition partition, long offset) {
        requireAssigned();
        return progress.awaitOffset(partition, offset);
    }

    /**
     * Completes once the handler has been given everything written to the partitions before this call: after its
     * next poll the reader takes their end offsets, and waits until it has read up to them.
     */
    public CompletableFuture<Void> awaitCaughtUp() {
        requireAssigned();
        return progress.awaitCaughtUp();
    }

    @Override
    public void close() {
        thread.close();
    }

    private void requireAssigned() {
        if (from instanceof ReadFrom.Committed) {
            throw new IllegalStateException("a reader in a consumer group does not track how far it has read");
        }
    }

    private void read(BooleanSupplier running) {
        handler.open();
        List<TopicPartition> partitions = from.position(consumer);
        started.complete(null);
        while (running.getAsBoolean()) {
            handler.read(consumer.poll(pollTimeout));
            if (!partitions.isEmpty()) {
                progress.advanced(consumer, partitions);
            }
        }
    }
}
