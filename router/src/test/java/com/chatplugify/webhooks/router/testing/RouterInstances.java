package com.chatplugify.webhooks.router.testing;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.kafka.TopicCatalogue;
import com.chatplugify.webhooks.common.kafka.TopicInitializer;
import com.chatplugify.webhooks.router.RouterConfig;
import com.chatplugify.webhooks.router.RouterRole;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Router instances of one deployment (one application id, unique per test) on the test broker, each with its own
 * state folder: in this JVM, or in a child JVM that a test can kill outright.
 */
public final class RouterInstances {

    private static final String PARTITIONS = "3";

    private final String applicationId = "router-it-" + UUID.randomUUID();
    private final Map<String, String> overrides;

    public RouterInstances(Map<String, String> overrides) {
        this.overrides = Map.copyOf(overrides);
        ensureTopics();
    }

    /** Creates the system's topics on the test broker, unless an earlier test did. */
    public static void ensureTopics() {
        WebhooksConfig config = new WebhooksConfig(CommonConfig.define(new ConfigDef()), Map.of(
                CommonConfig.KAFKA_BOOTSTRAP_SERVERS, TestKafka.bootstrapServers(),
                CommonConfig.TOPICS_PARTITIONS, PARTITIONS));
        try (Admin admin = TestKafka.admin()) {
            new TopicInitializer(admin, Duration.ofSeconds(30), TestKafka.bootstrapServers()).ensure(TopicCatalogue.topics(config));
        }
    }

    public String applicationId() {
        return applicationId;
    }

    public static Path newStateDir() {
        try {
            return Files.createTempDirectory("router-it-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public WebhooksConfig config(Path stateDir) {
        return new WebhooksConfig(RouterConfig.define(CommonConfig.define(new ConfigDef())), settings(stateDir));
    }

    /** Starts an instance in this JVM; the caller closes it. */
    public RouterRole start(Path stateDir) {
        return new RouterRole(config(stateDir), new SimpleMeterRegistry(), new HealthChecks()).start();
    }

    /** Starts an instance in a child JVM, logging to {@code stateDir/router.log}; the caller destroys it. */
    public Process startChild(Path stateDir) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), RouterMain.class.getName()));
        settings(stateDir).forEach((key, value) -> command.add(key + "=" + value));
        return new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(stateDir.resolve("router.log").toFile())
                .start();
    }

    private Map<String, String> settings(Path stateDir) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put(CommonConfig.KAFKA_BOOTSTRAP_SERVERS, TestKafka.bootstrapServers());
        settings.put(CommonConfig.DATA_DIR, stateDir.toString());
        settings.put(CommonConfig.TOPICS_PARTITIONS, PARTITIONS);
        settings.put(RouterConfig.APPLICATION_ID, applicationId);
        settings.put(RouterConfig.SESSION_TIMEOUT, "6s");
        settings.putAll(overrides);
        return settings;
    }
}
