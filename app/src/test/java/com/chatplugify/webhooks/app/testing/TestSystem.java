package com.chatplugify.webhooks.app.testing;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.app.WebhooksProcess;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.chatplugify.webhooks.testing.tls.TestCertificates;
import com.chatplugify.webhooks.testing.TestSecrets;
import com.chatplugify.webhooks.deliverer.http.DeliveryTls;
import com.chatplugify.webhooks.router.RouterRole;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.net.ssl.X509TrustManager;

/**
 * Every role in this JVM on the test broker, started once and shared by the tests of the JVM; tests stay apart
 * by using their own workspaces and receivers. Deliveries to 127.0.0.1 over http are allowed, and over https to
 * receivers whose certificates {@link #RECEIVERS} issued.
 */
public final class TestSystem {

    public static final String API_TOKEN = "test-token";
    /** The authority the shared system's deliverer trusts, in place of the JVM's: it issues the https receivers'. */
    public static final TestCertificates.Authority RECEIVERS = TestCertificates.authority("Test receivers CA");
    private static WebhooksProcess process;

    private TestSystem() {
    }

    public static synchronized WebhooksProcess shared() {
        if (process == null) {
            process = start(Map.of(), RECEIVERS.trustManager());
            TestKafka.closeBeforeBroker(process);
        }
        return process;
    }

    public static ApiClient api() {
        return new ApiClient(shared().baseUrl(), API_TOKEN);
    }

    /** The router of the shared system. */
    public static RouterRole router() {
        return shared().router().orElseThrow();
    }

    /** Starts a separate system; the caller closes it. */
    public static WebhooksProcess start(Map<String, String> overrides) {
        return start(overrides, DeliveryTls.jvmTrust());
    }

    /** Starts a separate system whose deliverer trusts the endpoint certificates {@code serverTrust} trusts. */
    public static WebhooksProcess start(Map<String, String> overrides, X509TrustManager serverTrust) {
        Map<String, String> settings = new LinkedHashMap<>();
        settings.put("kafka.bootstrap.servers", TestKafka.bootstrapServers());
        settings.put("http.port", "0");
        settings.put("data.dir", tempDir().toString());
        settings.put("topics.partitions", "3");
        settings.put("delivery.allow-http", "true");
        settings.put("delivery.allow-private-addresses", "true");
        settings.put("secrets.key", TestSecrets.KEY);
        settings.putAll(overrides);
        WebhooksConfig config = new ConfigSources(ConfigDefinitions.all()).load(null, Map.of(), settings);
        WebhooksProcess started = WebhooksProcess.start(config, EnumSet.allOf(Role.class), API_TOKEN, Clock.systemUTC(),
                serverTrust);
        try {
            if (!started.awaitReady(Duration.ofSeconds(90))) {
                throw new IllegalStateException("Test system not ready: " + started.health().readiness());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        return started;
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("webhooks-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
