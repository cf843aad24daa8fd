package com.chatplugify.webhooks.common.kafka;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

/**
 * How far a {@link TopicReader} has read its assigned partitions, and the calls waiting for it to get somewhere: to a
 * given record, or to given end offsets. Only positions in the topic are compared, never clocks, so producers'
 * timestamps cannot make a wait end early or late. Waits may be asked from any thread; {@link #advanced} runs on the
 * reader's.
 */
final class ReadProgress {

    private final Map<TopicPartition, Long> positions = new ConcurrentHashMap<>();
    private final ConcurrentLinkedQueue<OffsetWaiter> offsetWaiters = new ConcurrentLinkedQueue<>();
    private volatile Throwable failure;

    private record OffsetWaiter(TopicPartition partition, long offset, CompletableFuture<Void> future) {
    }

    CompletableFuture<Void> awaitOffset(TopicPartition partition, long offset) {
        CompletableFuture<Void> future = new CompletableFuture<>();
        offsetWaiters.add(new OffsetWaiter(partition, offset, future));
        if (failure != null) {
            // Added after fail() went through the waiters: nothing would complete it.
            future.completeExceptionally(failure);
        }
        completeOffsetWaiters();
        return future;
    }

    /** Completes once every partition has been read up to its end in {@code ends}. */
    CompletableFuture<Void> awaitEnds(Map<TopicPartition, Long> ends) {
        return CompletableFuture.allOf(ends.entrySet().stream()
                .filter(end -> end.getValue() > 0)
                .map(end -> awaitOffset(end.getKey(), end.getValue() - 1))
                .toArray(CompletableFuture[]::new));
    }

    /** After each poll, on the reader's thread: publishes the positions, then completes the waits they satisfy. */
    void advanced(Consumer<?, ?> consumer, List<TopicPartition> partitions) {
        for (TopicPartition partition : partitions) {
            positions.put(partition, consumer.position(partition));
        }
        completeOffsetWaiters();
    }

    /** Fails every wait, and every wait asked from now on, once the reader has stopped. */
    void fail(Throwable cause) {
        failure = cause;
        offsetWaiters.forEach(waiter -> waiter.future().completeExceptionally(cause));
        offsetWaiters.clear();
    }

    boolean failed() {
        return failure != null;
    }

    private long position(TopicPartition partition) {
        return positions.getOrDefault(partition, 0L);
    }

    private void completeOffsetWaiters() {
        offsetWaiters.removeIf(waiter -> {
            if (waiter.future().isDone()) {
                return true;
            }
            if (position(waiter.partition()) > waiter.offset()) {
                waiter.future().complete(null);
                return true;
            }
            return false;
        });
    }
}
