package com.chatplugify.webhooks.common.config;

import java.util.HashSet;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The names a {@code kafka.}-prefixed key may carry on to the Kafka clients: the configs the clients' own config classes
 * declare, so that {@code kafka.securty.protocol} stops start-up instead of being passed on and ignored. Immutable;
 * {@link #with} and {@link #withPrefixed} add the names of further clients (Kafka Streams and its prefixes, where it runs).
 */
public final class KafkaClientKeys {

    /** Settings of a config provider ({@code config.providers.file.class}, its parameters): the provider defines them. */
    private static final String CONFIG_PROVIDER_SETTINGS = AbstractConfig.CONFIG_PROVIDERS_CONFIG + ".";

    private final Set<String> names;

    private KafkaClientKeys(Set<String> names) {
        this.names = Set.copyOf(names);
    }

    /** What the producer, consumer and admin client know. */
    public static KafkaClientKeys clients() {
        Set<String> names = new HashSet<>(ProducerConfig.configNames());
        names.addAll(ConsumerConfig.configNames());
        names.addAll(AdminClientConfig.configNames());
        return new KafkaClientKeys(names);
    }

    /** These names and {@code more}. */
    public KafkaClientKeys with(Set<String> more) {
        Set<String> all = new HashSet<>(names);
        all.addAll(more);
        return new KafkaClientKeys(all);
    }

    /** These names and each of {@code more} under {@code prefix} (as {@code producer.} before {@code linger.ms}). */
    public KafkaClientKeys withPrefixed(String prefix, Set<String> more) {
        Set<String> all = new HashSet<>(names);
        more.forEach(name -> all.add(prefix + name));
        return new KafkaClientKeys(all);
    }

    /** Whether a Kafka client knows {@code name}, the part of a key after {@code kafka.}. */
    public boolean knows(String name) {
        return names.contains(name) || name.startsWith(CONFIG_PROVIDER_SETTINGS);
    }
}
