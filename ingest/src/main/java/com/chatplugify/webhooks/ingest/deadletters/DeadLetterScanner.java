package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.kafka.TopicPartitions;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;

/**
 * Lists dead letters: opens a scan of {@code chatplugify.deliveries.dlq} (every partition, no consumer group)
 * from a cursor, or from the {@code from} filter through the broker's time index, and pages through it with a
 * bounded amount of work per call. Scans read with consumers lent by a bounded pool, not one opened per call.
 */
public final class DeadLetterScanner {

    private final ScanConsumers consumers;
    private final Duration kafkaTimeout;

    /** @param consumers lends each scan a consumer, at most so many at once */
    DeadLetterScanner(ScanConsumers consumers, Duration kafkaTimeout) {
        this.consumers = consumers;
        this.kafkaTimeout = kafkaTimeout;
    }

    /**
     * The matches of {@code query} after {@code cursor} (or from the start), oldest first.
     *
     * @param limit      most entries returned
     * @param maxScanned most records read; past it, the page ends early with a cursor
     * @param budget     longest time spent; past it, likewise
     * @throws ScansBusyException     when as many scans as may run at once are running
     * @throws InvalidCursorException when {@code cursor} names a partition the topic lacks or an offset past its end
     */
    public DeadLetterPage page(DeadLetterQuery query, ScanCursor cursor, int limit, long maxScanned, Duration budget) {
        long deadline = System.nanoTime() + budget.toNanos();
        List<DeadLetter> found = new ArrayList<>();
        try (DeadLetterScan scan = open(query, cursor)) {
            while (found.size() < limit && scan.consumed() < maxScanned) {
                ConsumerRecord<String, byte[]> record = scan.next(deadline);
                if (record == null) {
                    break;
                }
                DeadLetter entry = DeadLetter.from(record);
                if (query.matches(entry)) {
                    found.add(entry);
                }
            }
            boolean more = !scan.finished();
            return new DeadLetterPage(found, more, more ? scan.cursor() : null);
        }
    }

    /**
     * A scan from {@code cursor}, or from {@code query.from()}, or from the oldest record retained. It runs to the
     * end, not to {@code query.to()}: records of a partition need not be in timestamp order (several deliverers,
     * their clocks), so a later one may still be in range.
     */
    DeadLetterScan open(DeadLetterQuery query, ScanCursor cursor) {
        Consumer<String, byte[]> consumer = consumers.take();
        try {
            List<TopicPartition> partitions = partitions(consumer);
            // Assigned before asking for offsets, so that the consumer keeps the last stable offsets it is given.
            consumer.assign(partitions);
            Map<TopicPartition, Long> beginnings = consumer.beginningOffsets(partitions, kafkaTimeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, kafkaTimeout);
            Map<TopicPartition, Long> starts = new HashMap<>(beginnings);
            if (query.from() != null) {
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(partition -> times.put(partition, query.from().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(times, kafkaTimeout);
                partitions.forEach(partition -> {
                    OffsetAndTimestamp offset = found.get(partition);
                    starts.put(partition, offset == null ? ends.get(partition) : offset.offset());
                });
            }
            if (cursor != null) {
                Map<Integer, Long> endsByNumber = new HashMap<>();
                ends.forEach((partition, end) -> endsByNumber.put(partition.partition(), end));
                cursor.checkAgainst(endsByNumber);
                cursor.positions().forEach((partition, offset) ->
                        starts.put(new TopicPartition(Topics.DLQ, partition), offset));
            }
            starts.replaceAll((partition, start) ->
                    Math.min(Math.max(start, beginnings.get(partition)), ends.get(partition)));
            return new DeadLetterScan(consumer, consumers, starts, ends);
        } catch (InvalidCursorException e) {
            // Only the caller's cursor is wrong: the consumer serves the next scan.
            consumers.giveBack(consumer);
            throw e;
        } catch (RuntimeException e) {
            consumers.discard(consumer);
            throw e;
        }
    }

    private List<TopicPartition> partitions(Consumer<String, byte[]> consumer) {
        return TopicPartitions.of(consumer, Topics.DLQ, kafkaTimeout);
    }
}
