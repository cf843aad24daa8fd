package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Client properties with the settings our guarantees rely on, on top of the configured pass-through keys. */
public final class KafkaClients {

    /** How long a producer waits to fill a batch, unless {@code kafka.linger.ms} says otherwise. */
    public static final int LINGER_MS = 2;

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

    public static Map<String, Object> admin(WebhooksConfig config, String clientId) {
        Map<String, Object> props = config.kafkaClientProperties();
        props.put("client.id", clientId);
        return props;
    }
}
