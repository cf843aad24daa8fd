package com.chatplugify.webhooks.ingest.operations;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.ConsumerThread;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.TimeSeek;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows {@code chatplugify.operational-events} from {@link #LOOKBACK} ago for as long as the process runs, every
 * partition, without a consumer group (each API instance holds them all), into an {@link OperationalEventStore}.
 */
public final class OperationalEventLog implements AutoCloseable {

    /** How far back an instance reads at start-up. */
    public static final Duration LOOKBACK = Duration.ofDays(7);
    /** Events kept per webhook and per workspace. */
    public static final int PER_KEY = 100;
    /** Webhooks (and workspaces) with events kept. */
    public static final int MAX_KEYS = 10_000;

    private static final Logger log = LoggerFactory.getLogger(OperationalEventLog.class);
    private static final Duration POLL_TIMEOUT = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final Consumer<String, byte[]> consumer;
    private final OperationalEventStore store;
    private final Clock clock;
    private final JsonSerde<OperationalEvent> serde = new JsonSerde<>(OperationalEvent.class);
    private final ConsumerThread thread;

    /** @param consumer without a group, reading committed records; owned from now on */
    public OperationalEventLog(Consumer<String, byte[]> consumer, OperationalEventStore store, Clock clock) {
        this.consumer = consumer;
        this.store = store;
        this.clock = clock;
        this.thread = new ConsumerThread("operational-events", "Operational events", consumer, this::follow, () -> { });
    }

    public static OperationalEventLog create(WebhooksConfig config, Clock clock) {
        return new OperationalEventLog(new KafkaConsumer<>(KafkaClients.consumer(config, null, "operational-events"),
                new StringDeserializer(), new ByteArrayDeserializer()), new OperationalEventStore(PER_KEY, MAX_KEYS),
                clock);
    }

    public OperationalEventLog start() {
        thread.start();
        return this;
    }

    public OperationalEventStore store() {
        return store;
    }

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
        TimeSeek.assignFrom(consumer, Topics.OPERATIONAL_EVENTS, clock.instant().minus(LOOKBACK), METADATA_TIMEOUT);
        while (running.getAsBoolean()) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL_TIMEOUT)) {
                apply(record);
            }
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            store.add(serde.deserialize(record.topic(), record.value()));
        } catch (SerializationException e) {
            LogContext.webhook(record.key()).at(record).run(() -> log.warn("Skipping an unreadable operational event"));
        }
    }
}
