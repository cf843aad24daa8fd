package com.chatplugify.webhooks.router.topology;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * The partition of the events topic a workspace's routes live in: the one its id hashes to, as Kafka's default
 * partitioner (and so the router's repartition topics) places a key. An event keyed by its workspace but read from
 * another partition (written by a client that hashes keys otherwise, as librdkafka does by default, or to a chosen
 * partition) would find no routes there, so it takes the re-keying hop like a mis-keyed one. The number of
 * partitions is known once the router has described the topic, before it starts routing.
 */
public final class EventPartitions {

    private volatile int count;

    /** @param count the events topic's partitions, as described at start */
    public void count(int count) {
        if (count < 1) {
            throw new IllegalArgumentException("A topic has at least one partition, not " + count);
        }
        this.count = count;
    }

    /** Whether the partition {@code key} hashes to is {@code partition}. */
    boolean isHashedTo(String key, int partition) {
        int partitions = count;
        if (partitions == 0) {
            throw new IllegalStateException("The events topic's partitions are not known yet");
        }
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions == partition;
    }
}
