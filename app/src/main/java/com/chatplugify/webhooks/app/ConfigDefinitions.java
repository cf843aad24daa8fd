package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.KafkaClientKeys;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.router.RouterConfig;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.StreamsConfig;

/** Every configuration key of the distribution, declared once in the module that owns it. */
public final class ConfigDefinitions {

    /** The configs of a topic, which Streams applies to the topics it creates under {@code topic.}. */
    private static final Set<String> TOPIC_CONFIGS = topicConfigs();

    private ConfigDefinitions() {
    }

    public static ConfigDef all() {
        ConfigDef definition = new ConfigDef();
        sections().values().forEach(section -> section.configKeys().values().forEach(definition::define));
        return definition;
    }

    /**
     * Where every command reads its configuration from: the keys of {@link #all()}, checked one by one and then
     * against each other.
     */
    public static ConfigSources sources() {
        return new ConfigSources(all(), kafkaClientKeys(),
                List.of(CommonConfig::checkRetryRetention, DelivererConfig::checkRetryRetention));
    }

    /**
     * What a {@code kafka.} key may name: a config of the producer, consumer or admin client, or of Kafka Streams (the
     * router hands the keys to it), with or without the prefixes Streams reads for one of its clients
     * ({@code producer.}, {@code main.consumer.}, {@code topic.}, ...).
     */
    public static KafkaClientKeys kafkaClientKeys() {
        Set<String> consumer = ConsumerConfig.configNames();
        return KafkaClientKeys.clients()
                .with(StreamsConfig.configDef().names())
                .withPrefixed(StreamsConfig.PRODUCER_PREFIX, ProducerConfig.configNames())
                .withPrefixed(StreamsConfig.CONSUMER_PREFIX, consumer)
                .withPrefixed(StreamsConfig.MAIN_CONSUMER_PREFIX, consumer)
                .withPrefixed(StreamsConfig.RESTORE_CONSUMER_PREFIX, consumer)
                .withPrefixed(StreamsConfig.GLOBAL_CONSUMER_PREFIX, consumer)
                .withPrefixed(StreamsConfig.ADMIN_CLIENT_PREFIX, AdminClientConfig.configNames())
                .withPrefixed(StreamsConfig.TOPIC_PREFIX, TOPIC_CONFIGS);
    }

    /** The keys by the part of the system that owns them, in the order the reference presents them. */
    public static Map<String, ConfigDef> sections() {
        Map<String, ConfigDef> sections = new LinkedHashMap<>();
        sections.put("Common", CommonConfig.define(new ConfigDef()));
        sections.put("Router", RouterConfig.define(new ConfigDef()));
        sections.put("Deliverer", DelivererConfig.define(new ConfigDef()));
        sections.put("Ingest and API", IngestConfig.define(new ConfigDef()));
        sections.put("Logging", LoggingConfig.define(new ConfigDef()));
        return sections;
    }

    private static Set<String> topicConfigs() {
        // TopicConfig declares its names as constants only, each X_CONFIG.
        Set<String> names = new HashSet<>();
        for (Field field : TopicConfig.class.getFields()) {
            if (Modifier.isStatic(field.getModifiers()) && field.getType() == String.class
                    && field.getName().endsWith("_CONFIG")) {
                try {
                    names.add((String) field.get(null));
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        return Set.copyOf(names);
    }
}
