package com.chatplugify.webhooks.ingest.history;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.ConsumerThread;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.TopicPartitions;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.ingest.IngestConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code chatplugify.delivery-attempts} from {@code lookback} ago for as long as the process runs, every
 * partition, without a consumer group (each API instance holds the whole history), into an {@link AttemptStore}.
 */
public final class AttemptHistory implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttemptHistory.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final AttemptStore store;
    private final Duration lookback;
    private final Clock clock;
    private final JsonSerde<DeliveryAttempt> serde = new JsonSerde<>(DeliveryAttempt.class);
    private final ConsumerThread thread;

    /** @param consumer without a group; owned from now on */
    public AttemptHistory(Consumer<String, byte[]> consumer, AttemptStore store, Duration lookback, Clock clock) {
        this.consumer = consumer;
        this.store = store;
        this.lookback = lookback;
        this.clock = clock;
        this.thread = new ConsumerThread("attempt-history", "Delivery history", consumer, this::follow, () -> { });
    }

    /** A history with the configured bounds, reading at most {@code history.lookback} and the topic's retention. */
    public static AttemptHistory create(WebhooksConfig config, Clock clock) {
        Duration lookback = config.getDuration(IngestConfig.HISTORY_LOOKBACK);
        Duration retention = config.getDuration(CommonConfig.TOPICS_ATTEMPTS_RETENTION);
        Consumer<String, byte[]> consumer = new KafkaConsumer<>(KafkaClients.consumer(config, null, "attempt-history"),
                new StringDeserializer(), new ByteArrayDeserializer());
        return new AttemptHistory(consumer, new AttemptStore(HistoryLimits.from(config)),
                lookback.compareTo(retention) < 0 ? lookback : retention, clock);
    }

    public AttemptHistory start() {
        thread.start();
        return this;
    }

    public AttemptStore store() {
        return store;
    }

    /** A history whose thread died is not alive; {@link #failure()} says why. */
    public boolean alive() {
        return thread.alive();
    }

    public Optional<Throwable> failure() {
        return thread.failure();
    }

    @Override
    public void close() {
        thread.close();
    }

    private void follow(BooleanSupplier running) {
        assignFromLookback();
        while (running.getAsBoolean()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                apply(record);
            }
        }
    }

    private void assignFromLookback() {
        List<TopicPartition> partitions = TopicPartitions.of(consumer, Topics.DELIVERY_ATTEMPTS, METADATA_TIMEOUT);
        consumer.assign(partitions);
        long from = clock.instant().minus(lookback).toEpochMilli();
        Map<TopicPartition, Long> times = new HashMap<>();
        partitions.forEach(partition -> times.put(partition, from));
        Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(times, METADATA_TIMEOUT);
        for (TopicPartition partition : partitions) {
            OffsetAndTimestamp offset = offsets.get(partition);
            if (offset == null) {
                consumer.seekToEnd(List.of(partition));
            } else {
                consumer.seek(partition, offset.offset());
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            store.add(new RecordedAttempt(record.partition() + "-" + record.offset(),
                    serde.deserialize(record.topic(), record.value())));
        } catch (SerializationException e) {
            LogContext.webhook(record.key()).at(record)
                    .run(() -> log.warn("Skipping an unreadable delivery attempt: {}", e.getMessage()));
        }
    }
}
