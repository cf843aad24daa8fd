package com.chatplugify.webhooks.common.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The validated configuration of a process. Which keys exist is decided by the {@link ConfigDef} it is built
 * with: {@link CommonConfig} plus the keys of each role that runs. Every value has been parsed and checked
 * when the constructor returns; a bad one fails with a {@code ConfigException} naming the key.
 */
public final class WebhooksConfig extends AbstractConfig {

    /** Keys under this prefix, other than those declared, pass through to every Kafka client. */
    public static final String KAFKA_PREFIX = "kafka.";

    public WebhooksConfig(ConfigDef definition, Map<String, ?> values) {
        super(definition, values, false);
    }

    public Duration getDuration(String key) {
        return Durations.parse(getString(key));
    }

    public List<Duration> getDurations(String key) {
        List<Duration> durations = new ArrayList<>();
        for (String text : getList(key)) {
            durations.add(Durations.parse(text));
        }
        return List.copyOf(durations);
    }

    public Path getPath(String key) {
        return Path.of(getString(key));
    }

    /** The value of a password key, or null when unset. */
    public String getSecret(String key) {
        Password password = getPassword(key);
        return password == null ? null : password.value();
    }

    /** Properties every Kafka client of this process starts from: bootstrap servers and pass-through keys. */
    public Map<String, Object> kafkaClientProperties() {
        Map<String, Object> props = new HashMap<>(originalsWithPrefix(KAFKA_PREFIX));
        props.put("bootstrap.servers", getString(CommonConfig.KAFKA_BOOTSTRAP_SERVERS));
        return props;
    }

    /** A copy of this configuration with some values replaced; used where a role derives settings. */
    public WebhooksConfig with(ConfigDef definition, Map<String, ?> overrides) {
        Map<String, Object> values = new HashMap<>(originals());
        values.putAll(overrides);
        return new WebhooksConfig(definition, values);
    }
}
