package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Client properties with the settings our guarantees rely on, on top of the configured pass-through keys. */
public final class KafkaClients {

    private static final String STREAMS_MAIN_CONSUMER_PREFIX = "main.consumer.";

    /** How long a producer waits to fill a batch, unless {@code kafka.linger.ms} says otherwise. */
    public static final int LINGER_MS = 2;

    /** What a pipeline consumer's fetch waits to gather, unless {@code kafka.fetch.min.bytes} says otherwise. */
    public static final int FETCH_MIN_BYTES = 64 * 1024;

    /** How long a pipeline consumer's fetch waits to gather {@link #FETCH_MIN_BYTES}: each hop's added latency. */
    public static final Duration PIPELINE_FETCH_MAX_WAIT = Duration.ofMillis(10);

    private KafkaClients() {
    }

    /** An idempotent producer that waits for all in-sync replicas: nothing acknowledged is lost. */
    public static Map<String, Object> producer(WebhooksConfig config, String clientId) {
        Map<String, Object> props = config.kafkaClientProperties();
        props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        props.putIfAbsent(ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
        return props;
    }

    /** A consumer that sees only committed records and whose offsets the caller commits. */
    public static Map<String, Object> consumer(WebhooksConfig config, String groupId, String clientId) {
        Map<String, Object> props = config.kafkaClientProperties();
        if (groupId != null) {
            props.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return props;
    }

    /**
     * Makes a consumer's fetches gather up to {@link #FETCH_MIN_BYTES} for at most {@code maxWait}, unless the
     * {@code kafka.} pass-through keys say otherwise: with a fetch answered as soon as one record is there, the
     * consumer and the broker spend their time on fetches of a few records each.
     */
    public static Map<String, Object> batchedFetch(Map<String, Object> consumerProperties, Duration maxWait) {
        consumerProperties.putIfAbsent(ConsumerConfig.FETCH_MIN_BYTES_CONFIG, FETCH_MIN_BYTES);
        consumerProperties.putIfAbsent(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, (int) maxWait.toMillis());
        return consumerProperties;
    }

    /**
     * The same for a Kafka Streams application's main consumer (its input), in Streams properties: under
     * {@code main.consumer.} ({@code StreamsConfig.MAIN_CONSUMER_PREFIX}; common does not depend on Streams), unless the
     * {@code kafka.} pass-through keys set them for every client.
     */
    public static void batchedFetch(Properties streamsProperties, Duration maxWait) {
        batchedFetch(new HashMap<>(), maxWait).forEach((key, value) -> {
            if (!streamsProperties.containsKey(key)) {
                streamsProperties.put(STREAMS_MAIN_CONSUMER_PREFIX + key, value);
            }
        });
    }

    public static Map<String, Object> admin(WebhooksConfig config, String clientId) {
        Map<String, Object> props = config.kafkaClientProperties();
        props.put("client.id", clientId);
        return props;
    }
}
