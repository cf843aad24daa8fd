package com.chatplugify.webhooks.app.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.MetadataVersion;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node KRaft Kafka broker in this JVM, from Kafka's own server classes. Its log lives under a
 * folder of ours, formatted on first start and reused afterwards, so a restart loses nothing. The client
 * listener is where {@code kafka.bootstrap.servers} points; the controller listener takes a free port.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final int NODE_ID = 1;

    private final KafkaRaftServer server;
    private final String bootstrapServers;

    private EmbeddedKafkaBroker(KafkaRaftServer server, String bootstrapServers) {
        this.server = server;
        this.bootstrapServers = bootstrapServers;
    }

    /**
     * Formats {@code logDir} if it is new, starts the broker and waits until it answers.
     *
     * @param listen       host:port for clients; must be free
     * @param logDir       where the broker keeps its log and metadata
     * @param partitions   default partition count of topics created without one
     */
    public static EmbeddedKafkaBroker start(String listen, Path logDir, int partitions, Duration timeout) {
        HostPort client = HostPort.parse(listen);
        ensureFree(client);
        int controllerPort = freePortOtherThan(client);
        Map<String, Object> props = new HashMap<>();
        props.put("process.roles", "broker,controller");
        props.put("node.id", Integer.toString(NODE_ID));
        props.put("controller.quorum.voters", NODE_ID + "@" + client.host() + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + client + "," + CONTROLLER_LISTENER + "://" + client.host() + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + client);
        props.put("controller.listener.names", CONTROLLER_LISTENER);
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("log.dirs", logDir.toAbsolutePath().toString());
        props.put("num.partitions", Integer.toString(partitions));
        props.put("auto.create.topics.enable", "false");
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "10");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "10");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        props.put("log.flush.interval.ms", "1000");
        props.put("num.network.threads", "2");
        props.put("num.io.threads", "4");

        KafkaConfig config = new KafkaConfig(props, false);
        formatIfNew(logDir, config);
        KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
        server.startup();
        EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(server, client.toString());
        broker.awaitReady(timeout);
        log.info("Embedded Kafka broker listening on {} (controller on port {}, log in {})", client, controllerPort, logDir);
        return broker;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public void close() {
        server.shutdown();
        server.awaitShutdown();
    }

    private void awaitReady(Duration timeout) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            close();
            throw new IllegalStateException("The embedded Kafka broker did not answer on " + bootstrapServers
                    + " within " + timeout.toSeconds() + " s", e);
        }
    }

    private static void formatIfNew(Path logDir, KafkaConfig config) {
        if (Files.exists(logDir.resolve("meta.properties"))) {
            return;
        }
        try {
            Files.createDirectories(logDir);
            new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setNodeId(NODE_ID)
                    .setClusterId(Uuid.randomUuid().toString())
                    .setControllerListenerName(CONTROLLER_LISTENER)
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setDirectories(Set.of(logDir.toAbsolutePath().toString()))
                    .setReleaseVersion(MetadataVersion.latestProduction())
                    .setHasDynamicQuorum(false)
                    .run();
            log.info("Formatted a new Kafka log in {}", logDir);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot format the Kafka log folder " + logDir + ": " + e.getMessage(), e);
        }
    }

    private static void ensureFree(HostPort address) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(address.host()), address.port()));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + address + " (kafka.bootstrap.servers): "
                    + e.getMessage() + ". Is another broker or standalone instance using it?", e);
        }
    }

    /**
     * A free port on the client listener's host. The client port was free a moment ago and is closed again, so the
     * system may hand that very port out as an ephemeral one: it is never taken for the controller.
     */
    private static int freePortOtherThan(HostPort client) {
        try {
            InetAddress host = InetAddress.getByName(client.host());
            while (true) {
                try (ServerSocket socket = new ServerSocket(0, 0, host)) {
                    if (socket.getLocalPort() != client.port()) {
                        return socket.getLocalPort();
                    }
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException("No free port for the controller listener on " + client.host(), e);
        }
    }

    /** One {@code host:port}. */
    record HostPort(String host, int port) {

        static HostPort parse(String text) {
            String trimmed = text.trim();
            int colon = trimmed.lastIndexOf(':');
            if (trimmed.contains(",") || colon <= 0) {
                throw new IllegalArgumentException("The embedded broker listens on one host:port; kafka.bootstrap.servers is '"
                        + text + "'");
            }
            try {
                return new HostPort(trimmed.substring(0, colon), Integer.parseInt(trimmed.substring(colon + 1)));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("kafka.bootstrap.servers '" + text + "' has no valid port");
            }
        }

        @Override
        public String toString() {
            return host + ":" + port;
        }
    }
}
