package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.bench.drive.EventDriver;
import com.chatplugify.webhooks.bench.system.InProcessSystem;
import com.chatplugify.webhooks.bench.measure.ThreadAttribution;
import com.chatplugify.webhooks.bench.report.Targets;
import com.chatplugify.webhooks.bench.system.BaselineDeliverer;
import com.chatplugify.webhooks.bench.system.BlockingPoster;
import com.chatplugify.webhooks.bench.system.ListenerPerPartitionDeliverer;
import com.chatplugify.webhooks.bench.system.NaiveDeliverer;
import com.chatplugify.webhooks.bench.system.RemoteSystem;
import com.chatplugify.webhooks.bench.system.SystemUnderTest;
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
import java.util.function.IntFunction;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
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

    /** Broker, ingest and router only: the router scenario runs on it, then the baseline deliverers. */
    Launched withoutDeliverer(String name) throws InterruptedException {
        WebhooksConfig config = inProcessConfig(name, Map.of());
        return launched(name, InProcessSystem.start(config, EnumSet.of(Role.INGEST, Role.ROUTER), clock), config, false);
    }

    /** The baselines the bench compares our deliverer with, each run in its place on a system without one. */
    enum Baseline {
        /** One consumer, a posting thread per partition, a barrier across partitions per poll. */
        NAIVE(Targets.BASELINE, "bench-naive"),
        /** Spring Kafka style: a listener thread and consumer per partition, commit per partition, no barrier. */
        PER_PARTITION(Targets.PER_PARTITION_BASELINE, "bench-listener");

        private final String systemName;
        /** Names its Kafka clients, and so its threads, for the CPU attribution. */
        private final String clientId;

        Baseline(String systemName, String clientId) {
            this.systemName = systemName;
            this.clientId = clientId;
        }

        String systemName() {
            return systemName;
        }
    }

    /**
     * Adds a baseline deliverer to a system without a deliverer, as a session of its own. Either posts at most one
     * request per partition of the deliveries topic at once: its in-flight limit.
     */
    Launched baseline(Launched withoutDeliverer, Baseline baseline) throws InterruptedException {
        SystemUnderTest system = withoutDeliverer.session().system();
        WebhooksConfig config = config(Map.of("kafka.bootstrap.servers", system.bootstrapServers(),
                "secrets.key", secretsKey));
        String clientId = baseline.clientId;
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        SubscriptionView view = SubscriptionView.create(config, clientId + "-view").start();
        resources.push(view);
        BlockingPoster poster = new BlockingPoster(view, clock, BASELINE_TIMEOUT, system.partitions());
        IntFunction<KafkaConsumer<String, byte[]>> consumers = listener -> {
            Map<String, Object> consumer = KafkaClients.consumer(config, clientId + "-" + runKey, clientId + "-" + listener);
            // Starts at the end: what the router wrote before the baseline existed (the router scenario) is not its work.
            consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
            return new KafkaConsumer<>(consumer, new StringDeserializer(), new ByteArrayDeserializer());
        };
        BaselineDeliverer deliverer = switch (baseline) {
            case NAIVE -> new NaiveDeliverer(consumers.apply(0), poster, system.partitions());
            case PER_PARTITION -> new ListenerPerPartitionDeliverer(consumers, poster, system.partitions());
        };
        resources.push(deliverer.start());
        long deadline = System.nanoTime() + ASSIGNMENT_TIMEOUT.toNanos();
        while (!(deliverer.assigned() && view.loaded()) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        Launched launched = new Launched(new SystemSession(baseline.systemName(), system, withoutDeliverer.session().driver(),
                withoutDeliverer.session().counters().withDeliverer(poster::attempts, poster::attemptsWithoutStatus), true),
                resources);
        if (!deliverer.assigned()) {
            launched.close();
            throw new IllegalStateException("The " + baseline.systemName() + " deliverer got no partitions within "
                    + ASSIGNMENT_TIMEOUT.toSeconds() + " s");
        }
        return launched;
    }

    /** Names the threads of the systems this launcher starts, as their configuration names their clients. */
    ThreadAttribution attribution() {
        if (settings.target() instanceof BenchSettings.InProcess) {
            return ThreadAttribution.of(inProcessConfig("attribution", Map.of()));
        }
        return ThreadAttribution.of(config(Map.of()));
    }

    private Launched launched(String name, SystemUnderTest system, WebhooksConfig config, boolean delivers) {
        Deque<AutoCloseable> resources = new ArrayDeque<>();
        resources.push(system);
        EventDriver driver = new EventDriver(new KafkaProducer<>(driverProducer(config),
                new StringSerializer(), new ByteArraySerializer()), microClock);
        resources.push(driver);
        return new Launched(new SystemSession(name, system, driver, system.counters(), delivers), resources);
    }

    /**
     * The driver stands for upstream services, which run in processes of their own; here it shares the JVM of the
     * system under test. Uncompressed, because lz4 allocates 128 KiB of buffers per batch: at 2,000 events/s the
     * driver's batches were 39 % of all the bytes allocated in that JVM (JFR allocation samples, healthy scenario,
     * 2026-12-06), and their collections paused the system under test.
     */
    private static Map<String, Object> driverProducer(WebhooksConfig config) {
        Map<String, Object> props = KafkaClients.producer(config, "bench-driver");
        props.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
        return props;
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
        return ConfigDefinitions.sources().load(null, Map.of(), values);
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
