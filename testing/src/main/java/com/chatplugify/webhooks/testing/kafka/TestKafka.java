package com.chatplugify.webhooks.testing.kafka;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/**
 * The one real Kafka broker of a test JVM, started on first use and stopped when the JVM exits: Testcontainers'
 * Kafka when a Docker engine answers, otherwise Kafka's own in-JVM KRaft test kit. Tests keep out of each
 * other's way with unique group ids (and unique topics where they create their own).
 */
public final class TestKafka {

    private static final Logger log = LoggerFactory.getLogger(TestKafka.class);
    private static final String KAFKA_IMAGE = "apache/kafka:4.1.0";
    private static final Deque<AutoCloseable> BEFORE_BROKER_STOPS = new ArrayDeque<>();
    private static String bootstrapServers;

    private TestKafka() {
    }

    public static synchronized String bootstrapServers() {
        if (bootstrapServers == null) {
            bootstrapServers = dockerAvailable() ? startContainer() : startTestKit();
        }
        return bootstrapServers;
    }

    /**
     * Stops {@code resource} when the JVM exits, before the broker (newest first): clients that are stopped after
     * their broker wait out their own timeouts and delay the JVM's exit.
     */
    public static synchronized void closeBeforeBroker(AutoCloseable resource) {
        BEFORE_BROKER_STOPS.push(resource);
    }

    private static void closeClients() {
        List<AutoCloseable> resources;
        synchronized (TestKafka.class) {
            resources = List.copyOf(BEFORE_BROKER_STOPS);
            BEFORE_BROKER_STOPS.clear();
        }
        for (AutoCloseable resource : resources) {
            try {
                resource.close();
            } catch (Exception e) {
                log.warn("{} did not stop cleanly", resource.getClass().getSimpleName(), e);
            }
        }
    }

    public static Admin admin() {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    @SuppressWarnings("resource")
    private static String startContainer() {
        KafkaContainer container = new KafkaContainer(KAFKA_IMAGE);
        container.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            closeClients();
            container.stop();
        }, "test-kafka-stop"));
        log.info("Test broker: Testcontainers {} at {}", KAFKA_IMAGE, container.getBootstrapServers());
        return container.getBootstrapServers();
    }

    private static String startTestKit() {
        // The kit deletes its folders from a JVM shutdown hook that races our own stopping the broker; a broker that
        // finds its log directory gone then halts the JVM, failing a run whose tests all passed. No broker may end a
        // test JVM.
        Exit.setHaltProcedure((status, message) -> log.warn("Test broker asked to halt ({}): {}", status, message));
        Exit.setExitProcedure((status, message) -> log.warn("Test broker asked to exit ({}): {}", status, message));
        try {
            TestKitNodes nodes = new TestKitNodes.Builder()
                    .setCombined(true)
                    .setNumBrokerNodes(1)
                    .setNumControllerNodes(1)
                    .setBootstrapMetadataVersion(MetadataVersion.latestProduction())
                    .build();
            KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                    .setConfigProp("offsets.topic.replication.factor", "1")
                    .setConfigProp("offsets.topic.num.partitions", "4")
                    .setConfigProp("transaction.state.log.replication.factor", "1")
                    .setConfigProp("transaction.state.log.min.isr", "1")
                    .setConfigProp("transaction.state.log.num.partitions", "4")
                    .setConfigProp("group.initial.rebalance.delay.ms", "0")
                    .setConfigProp("auto.create.topics.enable", "false")
                    .build();
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                closeClients();
                try {
                    cluster.close();
                } catch (Exception e) {
                    log.warn("Test broker did not stop cleanly", e);
                }
            }, "test-kafka-stop"));
            log.info("Test broker: in-JVM KRaft test kit at {}", cluster.bootstrapServers());
            return cluster.bootstrapServers();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot start the in-JVM test broker", e);
        }
    }
}
