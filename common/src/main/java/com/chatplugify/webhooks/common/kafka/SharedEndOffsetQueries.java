package com.chatplugify.webhooks.common.kafka;

import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * End offsets taken after each call, with at most one query under way: calls made while one is under way share the
 * next, sent once it is answered. A burst of calls (deliveries of a deleted webhook, each asking whether the view has
 * caught up) costs the broker two queries, not one each.
 */
final class SharedEndOffsetQueries implements AutoCloseable {

    private final EndOffsets source;
    private boolean underWay;
    /** The next query, not sent yet, and the partitions its calls asked for. */
    private CompletableFuture<Map<TopicPartition, Long>> next;
    private final Set<TopicPartition> nextPartitions = new HashSet<>();

    /** @param source owned from now on */
    SharedEndOffsetQueries(EndOffsets source) {
        this.source = source;
    }

    /** Completes with end offsets of at least {@code partitions}, taken after this call. */
    synchronized CompletableFuture<Map<TopicPartition, Long>> after(Collection<TopicPartition> partitions) {
        if (next == null) {
            next = new CompletableFuture<>();
        }
        nextPartitions.addAll(partitions);
        CompletableFuture<Map<TopicPartition, Long>> answer = next;
        if (!underWay) {
            send();
        }
        return answer;
    }

    private void send() {
        CompletableFuture<Map<TopicPartition, Long>> query = next;
        Set<TopicPartition> partitions = Set.copyOf(nextPartitions);
        next = null;
        nextPartitions.clear();
        underWay = true;
        CompletableFuture<Map<TopicPartition, Long>> sent;
        try {
            sent = source.of(partitions);
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((ends, failure) -> {
            synchronized (this) {
                underWay = false;
                if (next != null) {
                    send();
                }
            }
            if (failure != null) {
                query.completeExceptionally(failure);
            } else {
                query.complete(ends);
            }
        });
    }

    @Override
    public void close() {
        source.close();
    }
}
