package com.chatplugify.webhooks.common.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How far a {@link TopicReader} has read its assigned partitions, and the calls waiting for it to get somewhere: to a
 * given record, or to the end offsets the topic had when they asked. Only positions in the topic are compared, never
 * clocks, so producers' timestamps cannot make a wait end early or late. Waits may be asked from any thread;
 * {@link #advanced} runs on the reader's.
 */
final class ReadProgress {

    private static final Logger log = LoggerFactory.getLogger(ReadProgress.class);
    private static final Duration END_OFFSETS_TIMEOUT = Duration.ofSeconds(5);

    private final String what;
    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<OffsetWaiter> offsetWaiters = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<CompletableFuture<Void>> catchUpRequests = new ConcurrentLinkedQueue<>();
    /** Catch-ups asked for, each with the end offsets taken after it was asked; the reader's thread only. */
    private final List<CatchUp> catchUps = new ArrayList<>();

    private record OffsetWaiter(TopicPartition partition, long offset, CompletableFuture<Void> future) {
    }

    private record CatchUp(Map<TopicPartition, Long> ends, List<CompletableFuture<Void>> futures) {
    }

    /** @param what what the reader maintains, for the log line when the end offsets are late */
    ReadProgress(String what) {
        this.what = what;
    }

    CompletableFuture<Void> awaitOffset(TopicPartition partition, long offset) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        offsetWaiters.add(new OffsetWaiter(partition, offset, future));
        completeOffsetWaiters();
        return future;
    }

    CompletableFuture<Void> awaitCaughtUp() {
        CompletableFuture<Void> future = new CompletableFuture<>();
        catchUpRequests.add(future);
        return future;
    }

    /** After each poll, on the reader's thread: publishes the positions, then completes the waits they satisfy. */
    void advanced(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            positions.put(partition, consumer.position(partition));
        }
        completeOffsetWaiters();
        takeEndOffsets(consumer, partitions);
        completeCatchUps();
    }

    /** Fails every wait, once the reader has stopped. */
    void fail(Throwable cause) {
        offsetWaiters.forEach(waiter -> waiter.future().completeExceptionally(cause));
        catchUpRequests.forEach(future -> future.completeExceptionally(cause));
        catchUps.forEach(catchUp -> catchUp.futures().forEach(future -> future.completeExceptionally(cause)));
    }

    private long position(TopicPartition partition) {
        return positions.getOrDefault(partition, 0L);
    }

    private void completeOffsetWaiters() {
        offsetWaiters.removeIf(waiter -> {
            if (position(waiter.partition()) > waiter.offset()) {
                waiter.future().complete(null);
                return true;
            }
            return false;
        });
    }

    /** Takes the end offsets that the catch-ups asked for since the last time must reach. */
    private void takeEndOffsets(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
        if (catchUpRequests.isEmpty()) {
            return;
        }
        List<CompletableFuture<Void>> asked = new ArrayList<>();
        for (CompletableFuture<Void> future = catchUpRequests.poll(); future != null; future = catchUpRequests.poll()) {
            asked.add(future);
        }
        try {
            catchUps.add(new CatchUp(consumer.endOffsets(partitions, END_OFFSETS_TIMEOUT), asked));
        } catch (TimeoutException e) {
            // A slow broker delays catching up; it must not stop the reader for good. Asked again after the next poll.
            log.warn("{} could not get the end offsets yet: {}", what, e.getMessage());
            catchUpRequests.addAll(asked);
        }
    }

    private void completeCatchUps() {
        catchUps.removeIf(catchUp -> {
            for (Map.Entry<TopicPartition, Long> end : catchUp.ends().entrySet()) {
                if (position(end.getKey()) < end.getValue()) {
                    return false;
                }
            }
            catchUp.futures().forEach(future -> future.complete(null));
            return true;
        });
    }
}
