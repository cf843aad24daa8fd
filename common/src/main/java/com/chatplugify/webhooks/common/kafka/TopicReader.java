package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads topics for as long as the process runs, on a consumer and a thread of its own: from where {@link ReadFrom}
 * says, it hands the records of each poll (possibly none) to a {@link Handler}. On the partitions it assigns itself
 * it keeps track of how far it has read, so that calls can wait until it has read a given record
 * ({@link #awaitOffset}) or, given {@link EndOffsets}, everything written before they asked ({@link #awaitCaughtUp}).
 * A reader whose thread died is not {@link #alive()}, and every call waiting on it fails.
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

    private static final Logger log = LoggerFactory.getLogger(TopicReader.class);

    private final String what;
    private final Consumer<String, byte[]> consumer;
    /** Null for a reader not given end offsets. */
    private final SharedEndOffsetQueries endOffsetQueries;
    private final ReadFrom from;
    private final Duration pollTimeout;
    private final Handler handler;
    private final ReadProgress progress;
    private final ConsumerThread thread;
    /** The partitions the reader assigned itself, once positioned. */
    private final CompletableFuture<List<TopicPartition>> started = new CompletableFuture<>();
    private volatile boolean closed;

    /**
     * @param what        what the reader maintains, for the log line when it breaks (e.g. "Subscription view")
     * @param consumer    without a group unless {@code from} is {@link ReadFrom#committed}; owned from now on
     * @param pollTimeout how long a poll waits for records at most: how soon the handler hears of a quiet topic
     */
    public TopicReader(String threadName, String what, Consumer<String, byte[]> consumer, ReadFrom from,
                       Duration pollTimeout, Handler handler) {
        this(threadName, what, consumer, null, from, pollTimeout, handler);
    }

    /**
     * A reader that can also wait until it has read everything written before a call ({@link #awaitCaughtUp}).
     *
     * @param endOffsets where its partitions end, asked on a connection of their own; owned from now on
     */
    public TopicReader(String threadName, String what, Consumer<String, byte[]> consumer, EndOffsets endOffsets,
                       ReadFrom from, Duration pollTimeout, Handler handler) {
        this.what = what;
        this.consumer = consumer;
        this.endOffsetQueries = endOffsets == null ? null : new SharedEndOffsetQueries(endOffsets);
        this.from = from;
        this.pollTimeout = pollTimeout;
        this.handler = handler;
        this.progress = new ReadProgress();
        this.thread = new ConsumerThread(threadName, what, consumer, this::read, () -> {
            IllegalStateException stopped = new IllegalStateException(what + " stopped");
            started.completeExceptionally(stopped);
            progress.fail(stopped);
            handler.stopped();
        });
    }

    /** A consumer without a group, for a reader that assigns itself its partitions. */
    public static Consumer<String, byte[]> consumer(WebhooksConfig config, String clientId) {
        return new KafkaConsumer<>(KafkaClients.consumer(config, null, clientId), new StringDeserializer(),
                new ByteArrayDeserializer());
    }

    public void start() {
        thread.start();
    }

    /** Completes once the consumer is assigned (or subscribed) and positioned; fails if the reader stopped first. */
    public CompletableFuture<Void> started() {
        return started.thenRun(() -> { });
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
     * Completes once the handler has been given everything written to the partitions before this call: once started,
     * the reader takes their end offsets (calls made meanwhile share one query) and waits until it has read up to
     * them.
     */
    public CompletableFuture<Void> awaitCaughtUp() {
        requireAssigned();
        if (endOffsetQueries == null) {
            throw new IllegalStateException(what + " was not given end offsets to catch up to");
        }
        return started.thenCompose(this::ends).thenCompose(progress::awaitEnds);
    }

    @Override
    public void close() {
        closed = true;
        thread.close();
        if (endOffsetQueries != null) {
            endOffsetQueries.close();
        }
    }

    private CompletableFuture<Map<TopicPartition, Long>> ends(List<TopicPartition> partitions) {
        return endOffsetQueries.after(partitions).exceptionallyCompose(e -> {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (!(cause instanceof RetriableException) || closed || progress.failed()) {
                return CompletableFuture.failedFuture(cause);
            }
            // A slow broker delays catching up; it must not fail the wait while the reader is still reading.
            log.warn("{} could not get the end offsets yet: {}", what, cause.getMessage());
            return ends(partitions);
        });
    }

    private void requireAssigned() {
        if (from instanceof ReadFrom.Committed) {
            throw new IllegalStateException("a reader in a consumer group does not track how far it has read");
        }
    }

    private void read(BooleanSupplier running) {
        handler.open();
        List<TopicPartition> partitions = from.position(consumer);
        started.complete(partitions);
        while (running.getAsBoolean()) {
            handler.read(consumer.poll(pollTimeout));
            if (!partitions.isEmpty()) {
                progress.advanced(consumer, partitions);
            }
        }
    }
}
