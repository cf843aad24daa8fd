package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A consumer's poll loop on a daemon thread of its own, for the {@link TopicReader}s that follow topics for as long as
 * the process runs. The reader writes the loop; this class owns the thread's life: start, a bounded close that wakes
 * the consumer, the consumer's close, and whether the loop died and why.
 */
final class ConsumerThread implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ConsumerThread.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long the consumer's own close may take: a member leaves its group at once, on the coordinator's connection,
     * while ending the fetch session waits behind the fetch the broker holds, which nothing needs.
     */
    private static final Duration CONSUMER_CLOSE_TIMEOUT = Duration.ofSeconds(1);

    /** The loop, run on the thread; it polls for as long as {@code running} says. */
    @FunctionalInterface
    interface Loop {
        void run(BooleanSupplier running);
    }

    private final String what;
    private final Consumer<?, ?> consumer;
    private final Loop loop;
    private final Runnable ended;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    /**
     * @param what     what the loop maintains, for the log line when it breaks (e.g. "Subscription view")
     * @param consumer owned from now on: closed when the loop ends
     * @param ended    run on the thread once the loop has ended, whatever ended it, after the consumer is closed
     */
    ConsumerThread(String threadName, String what, Consumer<?, ?> consumer, Loop loop, Runnable ended) {
        this.what = what;
        this.consumer = consumer;
        this.loop = loop;
        this.ended = ended;
        this.thread = DaemonThreads.named(threadName).newThread(this::run);
    }

    void start() {
        thread.start();
    }

    /** A loop whose thread died is not alive; {@link #failure()} says why. */
    boolean alive() {
        return thread.isAlive() || !running;
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(CLOSE_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void run() {
        try {
            loop.run(() -> running);
        } catch (WakeupException e) {
            if (running) {
                failure = e;
            }
        } catch (RuntimeException e) {
            // The loop boundary: what broke it is reported through alive()/failure() and /health; the rest of the
            // process keeps serving.
            failure = e;
            log.error("{} stopped", what, e);
        } finally {
            consumer.close(CloseOptions.timeout(CONSUMER_CLOSE_TIMEOUT));
            ended.run();
        }
    }
}
