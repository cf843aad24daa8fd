package com.chatplugify.webhooks.ingest.deadletters;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads the dead-letter topic's partitions from given offsets up to the end offsets taken when it was opened,
 * merged into one sequence ordered by record timestamp (oldest first). It holds at most one fetch per partition
 * in memory: a partition with records waiting is paused while the others are fetched.
 */
final class DeadLetterScan implements AutoCloseable {

    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);
    private static final Comparator<ConsumerRecord<String, byte[]>> ORDER = Comparator
            .<ConsumerRecord<String, byte[]>>comparingLong(ConsumerRecord::timestamp)
            .thenComparingInt(ConsumerRecord::partition)
            .thenComparingLong(ConsumerRecord::offset);

    private final Consumer<String, byte[]> consumer;
    private final ScanConsumers owner;
    private final Map<TopicPartition, Long> ends;
    private final Map<TopicPartition, ArrayDeque<ConsumerRecord<String, byte[]>>> buffers = new HashMap<>();
    private final Set<TopicPartition> exhausted = new HashSet<>();
    private final long total;
    private long consumed;

    /**
     * Reads with {@code consumer}, taken from {@code owner} and given back on {@link #close()}; {@code starts} and
     * {@code ends} name the same partitions.
     */
    DeadLetterScan(Consumer<String, byte[]> consumer, ScanConsumers owner, Map<TopicPartition, Long> starts,
                   Map<TopicPartition, Long> ends) {
        this.consumer = consumer;
        this.owner = owner;
        this.ends = Map.copyOf(ends);
        consumer.assign(starts.keySet());
        long records = 0;
        for (Map.Entry<TopicPartition, Long> start : starts.entrySet()) {
            TopicPartition partition = start.getKey();
            consumer.seek(partition, start.getValue());
            buffers.put(partition, new ArrayDeque<>());
            records += Math.max(0, ends.get(partition) - start.getValue());
        }
        this.total = records;
    }

    /**
     * The next record in timestamp order, or null when the scan is {@link #finished()} or {@code deadlineNanos}
     * ({@link System#nanoTime()}) passed while waiting for the broker.
     */
    ConsumerRecord<String, byte[]> next(long deadlineNanos) {
        if (!fill(deadlineNanos)) {
            return null;
        }
        ArrayDeque<ConsumerRecord<String, byte[]>> first = null;
        for (ArrayDeque<ConsumerRecord<String, byte[]>> buffer : buffers.values()) {
            if (!buffer.isEmpty() && (first == null || ORDER.compare(buffer.peek(), first.peek()) < 0)) {
                first = buffer;
            }
        }
        if (first == null) {
            return null;
        }
        consumed++;
        return first.poll();
    }

    /** Whether every partition has been read to the end offset it had when the scan was opened. */
    boolean finished() {
        return exhausted.size() == buffers.size() && buffers.values().stream().allMatch(ArrayDeque::isEmpty);
    }

    /** Records returned so far. */
    long consumed() {
        return consumed;
    }

    /** Records between the start and end offsets: what a complete scan reads, give or take transaction markers. */
    long total() {
        return total;
    }

    /** Where to resume: the next record not yet returned, in each partition. */
    ScanCursor cursor() {
        Map<Integer, Long> positions = new HashMap<>();
        buffers.forEach((partition, buffer) -> positions.put(partition.partition(), buffer.isEmpty()
                ? Math.min(consumer.position(partition), ends.get(partition))
                : buffer.peek().offset()));
        return new ScanCursor(positions);
    }

    @Override
    public void close() {
        owner.giveBack(consumer);
    }

    /** Fetches until every partition not yet exhausted has a record waiting; false if the deadline passed first. */
    private boolean fill(long deadlineNanos) {
        while (true) {
            List<TopicPartition> starving = new ArrayList<>();
            buffers.forEach((partition, buffer) -> {
                if (buffer.isEmpty() && !exhausted.contains(partition)) {
                    if (consumer.position(partition) >= ends.get(partition)) {
                        exhausted.add(partition);
                    } else {
                        starving.add(partition);
                    }
                }
            });
            if (starving.isEmpty()) {
                return true;
            }
            if (System.nanoTime() - deadlineNanos > 0) {
                return false;
            }
            consumer.pause(buffers.keySet());
            consumer.resume(starving);
            ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
            for (ConsumerRecord<String, byte[]> record : records) {
                TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                if (record.offset() < ends.get(partition)) {
                    buffers.get(partition).add(record);
                }
            }
        }
    }
}
