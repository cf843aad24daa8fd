package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.ingest.IngestConfig;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Dead-letter listing and replay built from a configuration: what the API and {@code bin/webhooks replay} share.
 */
public final class DeadLetters implements AutoCloseable {

    private static final Duration KAFKA_TIMEOUT = Duration.ofSeconds(15);
    /** Listings and replays reading the topic at once, each with a consumer of its own, kept between calls. */
    static final int MAX_SCANS = 4;
    /** How long a listing or replay waits for one of {@link #MAX_SCANS} to end before it is refused. */
    static final Duration SCAN_WAIT = Duration.ofSeconds(5);
    /** A scan consumer unused this long is closed. */
    private static final Duration SCAN_CONSUMER_IDLE = Duration.ofMinutes(5);
    private static final int FETCH_MAX_WAIT_MS = 10;

    private final ScanConsumers scanConsumers;
    private final DeadLetterScanner scanner;
    private final ReplayedEntries replayed;
    private final DeadLetterReplayer replayer;

    private DeadLetters(ScanConsumers scanConsumers, DeadLetterScanner scanner, ReplayedEntries replayed,
                        DeadLetterReplayer replayer) {
        this.scanConsumers = scanConsumers;
        this.scanner = scanner;
        this.replayed = replayed;
        this.replayer = replayer;
    }

    /** @param targets which webhooks can take a re-delivery now */
    public static DeadLetters create(WebhooksConfig config, ReplayTargets targets, MeterRegistry registry, Clock clock) {
        AtomicInteger created = new AtomicInteger();
        ScanConsumers scanConsumers = new ScanConsumers(
                () -> consumer(config, "dead-letter-scan-" + created.incrementAndGet()), MAX_SCANS, SCAN_WAIT,
                SCAN_CONSUMER_IDLE);
        DeadLetterScanner scanner = new DeadLetterScanner(scanConsumers, KAFKA_TIMEOUT);
        ReplayedEntries replayed = new ReplayedEntries(consumer(config, "dead-letters-replayed"));
        int rate = config.getInt(IngestConfig.REPLAY_RATE_PER_SECOND);
        RateLimiter rateLimiter = RateLimiter.of("dead-letter-replay", RateLimiterConfig.custom()
                .limitForPeriod(rate)
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(Duration.ofSeconds(5))
                .build());
        Counter counter = Counter.builder(WebhookMetrics.REPLAYED)
                .description("Dead letters re-delivered by a replay").register(registry);
        DeadLetterReplayer replayer = new DeadLetterReplayer(scanner, replayed, () -> transactionalProducer(config),
                targets, rateLimiter, counter, clock, KAFKA_TIMEOUT);
        return new DeadLetters(scanConsumers, scanner, replayed, replayer);
    }

    public DeadLetterScanner scanner() {
        return scanner;
    }

    public ReplayedEntries replayed() {
        return replayed;
    }

    public DeadLetterReplayer replayer() {
        return replayer;
    }

    /** How long a listing or a replay waits for Kafka before giving up. */
    public Duration kafkaTimeout() {
        return KAFKA_TIMEOUT;
    }

    @Override
    public void close() {
        scanConsumers.close();
        replayed.close();
    }

    /**
     * A consumer without a group, reading committed records, whose fetches return at once. It reads up to end offsets
     * it knows, so it never needs the broker to hold a fetch for new records; and a held fetch would delay the
     * offset queries of its next scan by Kafka's default half second.
     */
    static Consumer<String, byte[]> consumer(WebhooksConfig config, String clientId) {
        Map<String, Object> properties = KafkaClients.consumer(config, null, clientId);
        properties.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, FETCH_MAX_WAIT_MS);
        return new KafkaConsumer<>(properties, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static Producer<String, byte[]> transactionalProducer(WebhooksConfig config) {
        Map<String, Object> props = KafkaClients.producer(config, "dead-letter-replayer");
        props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, DeadLetterReplayer.TRANSACTIONAL_ID);
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, (int) KAFKA_TIMEOUT.toMillis());
        return new KafkaProducer<>(props, new StringSerializer(), new ByteArraySerializer());
    }
}
