package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.bench.drive.EventDriver;
import com.chatplugify.webhooks.bench.system.InProcessSystem;
import com.chatplugify.webhooks.bench.system.NaiveDeliverer;
import com.chatplugify.webhooks.bench.system.RemoteSystem;
import com.chatplugify.webhooks.bench.system.SystemUnderTest;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Starts the systems a run compares, each with a driver: in-process, a fresh broker and data folder per system so
 * that no system sees another's topics, consumer groups or backlog; remote, the one running cluster.
 */
final class SystemLauncher {

    /** The bench's settings for a system in-process: local http endpoints and retries that fit in a scenario. */
    static final Map<String, String> IN_PROCESS_DEFAULTS = Map.of(
            "delivery.allow-http", "true",
            "delivery.allow-private-addresses", "true",
            "delivery.retry.delays", "1s,2s,4s");
    private static final Duration BASELINE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ASSIGNMENT_TIMEOUT = Duration.ofSeconds(60);

    private final BenchSettings settings;
    private final Clock clock;
    private final MicroClock microClock;
    private final String runKey;
    /** One key for the bench's systems and its baseline deliverer, which reads their webhooks' secrets too. */
    private final String secretsKey = SecretKeys.generate("bench", new SecureRandom());

    SystemLauncher(BenchSettings settings, Clock clock, MicroClock microClock, String runKey) {
        this.settings = settings;
        this.clock = clock;
        this.microClock = microClock;
        this.runKey = runKey;
    }

    /** A running session and what to stop, in reverse order, when it is done. */
    record Launched(SystemSession session, Deque<AutoCloseable> resources) implements AutoCloseable {

        @Override
        public void close() {
            while (!resources.isEmpty()) {
                try {
                    resources.pop().close();
                } catch (Exception e) {
                    // Keep stopping the rest; the next system starts on the same ports.
                    org.slf4j.LoggerFactory.getLogger(SystemLauncher.class).warn("Failed to stop a bench resource", e);
                }
            }
        }
    }

    /** The system with our own deliverer; {@code overrides} are added to the configuration, e.g. the router's guarantee. */
    Launched pipeline(String name, Map<String, String> overrides) throws InterruptedException {
        if (settings.target() instanceof BenchSettings.Remote remote) {
            WebhooksConfig config = config(Map.of("kafka.bootstrap.servers", remote.bootstrapServers()));
            RemoteSystem system = new RemoteSystem(remote.bootstrapServers(), remote.apiUrl(), remote.apiToken(),
                    partitions(config), remote.metricsPages());
            return launched(name, system, config, true);
        }
        WebhooksConfig config = inProcessConfig(name, overrides);
        return launched(name, InProcessSystem.start(config, EnumSet.allOf(Role.class), clock), config, true);
    }

    /** Broker, ingest and router only: the router scenario runs on it, then the baseline deliverer. */
    Launched withoutDeliverer(String name) throws InterruptedException {
        WebhooksConfig config = inProcessConfig(name, Map.of());
        return launched(name, InProcessSystem.start(config, EnumSet.of(Role.INGEST, Role.ROUTER), clock), config, false);
    }

    /** Adds the naive baseline deliverer to a system without a deliverer, as a session of its own. */
    Launched baseline(Launched withoutDeliverer, String name) throws InterruptedException {
        SystemUnderTest system = withoutDeliverer.session().system();
        WebhooksConfig config = config(Map.of("kafka.bootstrap.servers", system.bootstrapServers(),
                "secrets.key", secretsKey));
        SubscriptionView view = SubscriptionView.create(config, "bench-naive-view").start();
        Map<String, Object> consumer = KafkaClients.consumer(config, "bench-naive-" + runKey, "bench-naive");
        // Starts at the end: what the router wrote before the baseline existed (the router scenario) is not its work.
        consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        NaiveDeliverer naive = new NaiveDeliverer(new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer()),
                view, clock, BASELINE_TIMEOUT, system.partitions()).start();
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        resources.push(naive);
        long deadline = System.nanoTime() + ASSIGNMENT_TIMEOUT.toNanos();
        while (!(naive.assigned() && view.loaded()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        if (!naive.assigned()) {
            naive.close();
            throw new IllegalStateException("The baseline deliverer got no partitions within " + ASSIGNMENT_TIMEOUT.toSeconds() + " s");
        }
        SystemSession session = new SystemSession(name, system, withoutDeliverer.session().driver(),
                withoutDeliverer.session().counters().withAttempts(naive::attempts), true);
        return new Launched(session, resources);
    }

    private Launched launched(String name, SystemUnderTest system, WebhooksConfig config, boolean delivers) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        resources.push(system);
        EventDriver driver = new EventDriver(new KafkaProducer<>(KafkaClients.producer(config, "bench-driver"),
                new StringSerializer(), new ByteArraySerializer()), microClock);
        resources.push(driver);
        return new Launched(new SystemSession(name, system, driver, system.counters(), delivers), resources);
    }

    private WebhooksConfig inProcessConfig(String name, Map<String, String> overrides) {
        BenchSettings.InProcess inProcess = (BenchSettings.InProcess) settings.target();
        Map<String, String> values = new LinkedHashMap<>(IN_PROCESS_DEFAULTS);
        values.put("kafka.bootstrap.servers", "127.0.0.1:" + inProcess.kafkaPort());
        values.put("http.port", Integer.toString(inProcess.httpPort()));
        values.put("data.dir", inProcess.dataDir().resolve(name).toString());
        values.put("secrets.key", secretsKey);
        values.putAll(inProcess.overrides());
        values.putAll(overrides);
        return config(values);
    }

    private static WebhooksConfig config(Map<String, String> values) {
        return new ConfigSources(ConfigDefinitions.all()).load(null, Map.of(), values);
    }

    private static int partitions(WebhooksConfig config) throws InterruptedException {
        try (Admin admin = Admin.create(KafkaClients.admin(config, "bench-admin"))) {
            return admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get(30, TimeUnit.SECONDS)
                    .get(Topics.EVENTS).partitions().size();
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Cannot describe " + Topics.EVENTS + " on the cluster: " + e.getMessage(), e);
        }
    }
}
