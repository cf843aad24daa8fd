package com.chatplugify.webhooks.bench.system;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The naive baseline: one consumer polls a batch of deliveries, the records of each partition are POSTed one at a
 * time on a thread per partition, the loop waits for the whole batch (a barrier across partitions), commits, and polls
 * again. No retries, no per-endpoint isolation: one slow endpoint holds up every partition's next batch.
 */
public final class NaiveDeliverer implements BaselineDeliverer {

    private static final Logger log = LoggerFactory.getLogger(NaiveDeliverer.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(100);

    private final KafkaConsumer<String, byte[]> consumer;
    private final BlockingPoster poster;
    private final ExecutorService posters;
    private final Thread thread = new Thread(this::run, "bench-naive-loop");
    private volatile boolean assigned;
    private volatile boolean running = true;

    /**
     * @param consumer   a consumer in the baseline's own group, starting at the end of the topic
     * @param partitions partitions of the deliveries topic: one posting thread each
     */
    public NaiveDeliverer(KafkaConsumer<String, byte[]> consumer, BlockingPoster poster, int partitions) {
        this.consumer = consumer;
        this.poster = poster;
        this.posters = Executors.newFixedThreadPool(partitions, DaemonThreads.numbered("bench-naive-post"));
    }

    @Override
    public NaiveDeliverer start() {
        thread.start();
        return this;
    }

    @Override
    public boolean assigned() {
        return assigned;
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(30).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        posters.shutdownNow();
        poster.close();
    }

    private void run() {
        try {
            consumer.subscribe(List.of(Topics.DELIVERIES), new ConsumerRebalanceListener() {
                @Override
                public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                    assigned = false;
                }

                @Override
                public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                    assigned = !consumer.assignment().isEmpty();
                }
            });
            while (running) {
                ConsumerRecords<String, byte[]> records = consumer.poll(POLL_TIMEOUT);
                List<Future<?>> batch = new ArrayList<>();
                for (TopicPartition partition : records.partitions()) {
                    List<ConsumerRecord<String, byte[]>> inOrder = records.records(partition);
                    batch.add(posters.submit(() -> inOrder.forEach(poster::post)));
                }
                for (Future<?> partition : batch) {
                    partition.get();
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } catch (WakeupException e) {
            // Closing.
        } catch (Exception e) {
            // The loop boundary: the baseline stops and the bench reports what it did not deliver.
            log.error("The naive baseline deliverer stopped", e);
        } finally {
            consumer.close();
        }
    }
}
