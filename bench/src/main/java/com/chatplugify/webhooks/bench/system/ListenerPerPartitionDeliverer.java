package com.chatplugify.webhooks.bench.system;

import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.function.IntFunction;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The baseline a Java team would write with Spring for Apache Kafka: a {@code @KafkaListener} with one listener
 * thread (and consumer) per partition, a blocking POST per record, offsets committed per partition after each poll's
 * batch ({@code AckMode.BATCH}, the default), and no barrier across partitions. A failed POST (an exception from
 * {@code RestTemplate}) goes to the default error handler: the record is sought back and redelivered by the next poll,
 * {@link #ATTEMPTS} times in all without back-off ({@code DefaultErrorHandler}'s {@code FixedBackOff(0, 9)}), then
 * logged and skipped. A slow or hung endpoint holds up its partition, and only its partition.
 */
public final class ListenerPerPartitionDeliverer implements BaselineDeliverer {

    /** Spring Kafka's default: the first delivery and nine redeliveries. */
    static final int ATTEMPTS = 10;
    private static final Logger log = LoggerFactory.getLogger(ListenerPerPartitionDeliverer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final List<KafkaConsumer<String, byte[]>> consumers = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    private final AtomicIntegerArray owned;
    private final int partitions;
    private final BlockingPoster poster;
    private volatile boolean running = true;

    /**
     * @param consumers  makes listener {@code i}'s consumer, all in the baseline's own group, starting at the end
     * @param partitions partitions of the deliveries topic: one listener each
     */
    public ListenerPerPartitionDeliverer(IntFunction<KafkaConsumer<String, byte[]>> consumers, BlockingPoster poster,
                                         int partitions) {
        this.partitions = partitions;
        this.poster = poster;
        this.owned = new AtomicIntegerArray(partitions);
        for (int listener = 0; listener < partitions; listener++) {
            KafkaConsumer<String, byte[]> consumer = consumers.apply(listener);
            int index = listener;
            this.consumers.add(consumer);
            this.threads.add(new Thread(() -> listen(index, consumer), "bench-listener-" + listener));
        }
    }

    @Override
    public ListenerPerPartitionDeliverer start() {
        threads.forEach(Thread::start);
        return this;
    }

    @Override
    public boolean assigned() {
        int total = 0;
        for (int listener = 0; listener < owned.length(); listener++) {
            total += owned.get(listener);
        }
        return total == partitions;
    }

    @Override
    public void close() {
        running = false;
        consumers.forEach(KafkaConsumer::wakeup);
        for (Thread thread : threads) {
            try {
                thread.join(Duration.ofSeconds(30).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        poster.close();
    }

    private void listen(int index, KafkaConsumer<String, byte[]> consumer) {
        Map<TopicPartition, long[]> failures = new HashMap<>();
        try {
            consumer.subscribe(List.of(Topics.DELIVERIES), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> revoked) {
                    owned.set(index, 0);
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> assigned) {
                    owned.set(index, consumer.assignment().size());
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                for (TopicPartition partition : records.partitions()) {
                    long next = deliver(consumer, partition, records.records(partition), failures);
                    if (next >= 0) {
                        consumer.commitSync(Map.of(partition, new OffsetAndMetadata(next)));
                    }
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } catch (RuntimeException e) {
            // The listener's loop boundary: it stops and the bench reports what it did not deliver.
            log.error("A listener of the per-partition baseline stopped", e);
        } finally {
            consumer.close();
        }
    }

    /** POSTs the partition's records in order; returns the offset to commit, or -1 when none was handled. */
    private long deliver(KafkaConsumer<String, byte[]> consumer, TopicPartition partition,
                         List<ConsumerRecord<String, byte[]>> records, Map<TopicPartition, long[]> failures) {
        long next = -1;
        for (ConsumerRecord<String, byte[]> record : records) {
            if (poster.post(record) == BlockingPoster.Outcome.FAILED && failedAgain(failures, partition, record.offset()) < ATTEMPTS) {
                consumer.seek(partition, record.offset());
                return next;
            }
            failures.remove(partition);
            next = record.offset() + 1;
        }
        return next;
    }

    /** Counts a failure of the record at {@code offset}; returns how many times it has failed in a row. */
    private static long failedAgain(Map<TopicPartition, long[]> failures, TopicPartition partition, long offset) {
        long[] failure = failures.get(partition);
        if (failure == null || failure[0] != offset) {
            failure = new long[] {offset, 0};
            failures.put(partition, failure);
        }
        return ++failure[1];
    }
}
