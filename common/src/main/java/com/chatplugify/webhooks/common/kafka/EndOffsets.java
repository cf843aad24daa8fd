package com.chatplugify.webhooks.common.kafka;

import java.util.Collection;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Where partitions end, taken when asked: for a {@code read_committed} reader, the offset after the last committed
 * record. A {@link TopicReader} asks them on a
 * connection other than its consumer's: a broker answers a connection's requests in order, so a query sent behind
 * the consumer's pending fetch would wait as long as the broker holds that fetch when nothing is written.
 */
@FunctionalInterface
public interface EndOffsets extends AutoCloseable {

    /** Completes with each partition's end offset. */
    CompletableFuture<Map<TopicPartition, Long>> of(Collection<TopicPartition> partitions);

    @Override
    default void close() {
    }
}
