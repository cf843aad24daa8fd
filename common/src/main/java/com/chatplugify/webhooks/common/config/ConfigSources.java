package com.chatplugify.webhooks.common.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * Gathers configuration from its three sources, later ones winning: a properties file, environment variables
 * ({@code WEBHOOKS_} + the key upper-cased, dots and dashes as {@code _}), then {@code --set key=value}.
 * A key the definition does not declare is refused, naming the key and where it came from, so typos fail at
 * start-up instead of being ignored. A {@code kafka.x} key passes through to the Kafka clients when {@code x} is a
 * config a Kafka client knows ({@link KafkaClientKeys}); any other is refused the same way. Once each value is valid
 * on its own, the {@link Check}s given check the relations between keys.
 */
public final class ConfigSources {

    public static final String ENV_PREFIX = "WEBHOOKS_";
    /** The JVM options {@code bin/webhooks} passes to Java: the launcher's, not a configuration key. */
    public static final String JAVA_OPTS_ENV = "WEBHOOKS_JAVA_OPTS";

    /** A rule that relates several keys of a configuration whose values are each valid. */
    @FunctionalInterface
    public interface Check {
        /** @throws ConfigException naming the keys and their values when they do not go together */
        void check(WebhooksConfig config);
    }

    private final ConfigDef definition;
    private final KafkaClientKeys kafkaKeys;
    private final List<Check> checks;
    private final Map<String, String> envNames = new HashMap<>();

    /** The keys of {@code definition}, and {@code kafka.} keys the producer, consumer and admin client know. */
    public ConfigSources(ConfigDef definition) {
        this(definition, KafkaClientKeys.clients(), List.of());
    }

    public ConfigSources(ConfigDef definition, KafkaClientKeys kafkaKeys, List<Check> checks) {
        this.definition = definition;
        this.kafkaKeys = kafkaKeys;
        this.checks = List.copyOf(checks);
        for (String key : definition.names()) {
            envNames.put(envName(key), key);
        }
    }

    /** The environment variable that sets {@code key}. */
    public static String envName(String key) {
        return ENV_PREFIX + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    /**
     * Merges the sources and validates the result.
     *
     * @param file      a properties file, or null
     * @param env       the process environment (only {@code WEBHOOKS_*} variables are read)
     * @param overrides {@code --set} values, in the order given
     * @throws ConfigException naming the key at fault
     */
    public WebhooksConfig load(Path file, Map<String, String> env, Map<String, String> overrides) {
        WebhooksConfig config = new WebhooksConfig(definition, merge(file, env, overrides));
        checks.forEach(check -> check.check(config));
        return config;
    }

    Map<String, String> merge(Path file, Map<String, String> env, Map<String, String> overrides) {
        Map<String, String> values = new LinkedHashMap<>();
        if (file != null) {
            readFile(file).forEach((key, value) -> values.put(checkKnown(key, "file " + file), value));
        }
        env.forEach((name, value) -> {
            if (name.startsWith(ENV_PREFIX) && !name.equals(JAVA_OPTS_ENV)) {
                values.put(keyOfEnv(name), value);
            }
        });
        overrides.forEach((key, value) -> values.put(checkKnown(key, "--set"), value));
        return values;
    }

    /** Parses {@code key=value} pairs as given to {@code --set}. */
    public static Map<String, String> parseAssignments(List<String> assignments) {
        Map<String, String> values = new LinkedHashMap<>();
        for (String assignment : assignments == null ? List.<String>of() : assignments) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw new ConfigException("--set expects key=value, got '" + assignment + "'");
            }
            values.put(assignment.substring(0, equals).trim(), assignment.substring(equals + 1).trim());
        }
        return values;
    }

    private String keyOfEnv(String name) {
        String key = envNames.get(name);
        if (key != null) {
            return key;
        }
        String kafkaEnvPrefix = envName(WebhooksConfig.KAFKA_PREFIX);
        if (name.startsWith(kafkaEnvPrefix) && name.length() > kafkaEnvPrefix.length()) {
            String kafkaKey = WebhooksConfig.KAFKA_PREFIX
                    + name.substring(kafkaEnvPrefix.length()).toLowerCase(Locale.ROOT).replace('_', '.');
            if (isKafkaClientKey(kafkaKey)) {
                return kafkaKey;
            }
            throw new ConfigException("Unknown configuration variable " + name + " in the environment: "
                    + kafkaKey.substring(WebhooksConfig.KAFKA_PREFIX.length()) + " is not a config of the Kafka clients "
                    + "(keys under " + WebhooksConfig.KAFKA_PREFIX + " pass through to them only when they know it)");
        }
        throw new ConfigException("Unknown configuration variable " + name + " in the environment; known keys: "
                + knownKeys());
    }

    private String checkKnown(String key, String source) {
        if (definition.names().contains(key) || isKafkaClientKey(key)) {
            return key;
        }
        if (key.startsWith(WebhooksConfig.KAFKA_PREFIX)) {
            throw new ConfigException("Unknown configuration key '" + key + "' (from " + source + "): "
                    + key.substring(WebhooksConfig.KAFKA_PREFIX.length()) + " is not a config of the Kafka clients (keys "
                    + "under " + WebhooksConfig.KAFKA_PREFIX + " pass through to them only when they know it)");
        }
        throw new ConfigException("Unknown configuration key '" + key + "' (from " + source + "); known keys: "
                + knownKeys());
    }

    private boolean isKafkaClientKey(String key) {
        return key.startsWith(WebhooksConfig.KAFKA_PREFIX)
                && kafkaKeys.knows(key.substring(WebhooksConfig.KAFKA_PREFIX.length()));
    }

    private List<String> knownKeys() {
        List<String> keys = new ArrayList<>(definition.names());
        keys.sort(null);
        keys.add("kafka.<a config of the Kafka clients> (passed to them, e.g. kafka.security.protocol)");
        return keys;
    }

    private static Map<String, String> readFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read the configuration file " + file + ": " + e.getMessage());
        }
        Map<String, String> values = new LinkedHashMap<>();
        properties.stringPropertyNames().forEach(key -> values.put(key, properties.getProperty(key).trim()));
        return values;
    }
}
