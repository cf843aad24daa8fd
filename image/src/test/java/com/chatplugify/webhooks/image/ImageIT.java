package com.chatplugify.webhooks.image;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.chatplugify.webhooks.testing.net.LoopbackPorts;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The roles' image as Jib built it (target/webhooks-image.tar): its configuration, its layers, what it leaves out,
 * its size, and its entrypoint run for real as the image's user in its unpacked file system.
 */
class ImageIT {

    private static final Logger log = LoggerFactory.getLogger(ImageIT.class);
    private static final String USER = "10001:10001";
    private static final String MAIN_CLASS = "com.chatplugify.webhooks.app.WebhooksCommand";
    /** What a role never uses: Kafka's server (the embedded broker), Scala, kafka-tools, and the bench. */
    private static final Pattern LEFT_OUT = Pattern.compile(
            "/app/libs/(kafka_2\\.13|kafka-server|kafka-raft|kafka-storage|kafka-metadata|kafka-tools|scala-|webhooks-bench)[^/]*\\.jar$");
    /** Compressed, as a registry stores it and a node pulls it: 89 MiB when written (deploy/README.md). */
    private static final long SIZE_BUDGET_BYTES = 110L * 1024 * 1024;

    @TempDir
    static Path work;

    private static ImageArchive image;
    private static Path root;
    private static final List<Process> started = new ArrayList<>();

    @BeforeAll
    static void unpack() throws Exception {
        image = new ImageArchive(Path.of(System.getProperty("image.tar", "target/webhooks-image.tar")), work);
        root = work.resolve("rootfs");
        image.unpackInto(root);
    }

    @AfterAll
    static void stopRoles() {
        started.forEach(ContainerRun::stop);
    }

    @Test
    void shouldRunTheWebhooksCommandAsTheNonRootUser() {
        JsonNode config = image.config();

        assertThat(config.get("User").asText()).isEqualTo(USER);
        assertThat(config.get("Entrypoint")).extracting(JsonNode::asText)
                .containsExactly("java", "-cp", "@/app/jib-classpath-file", MAIN_CLASS);
        assertThat(config.get("Cmd")).extracting(JsonNode::asText).containsExactly("--help");
        assertThat(config.get("WorkingDir").asText()).isEqualTo("/var/lib/webhooks");
        assertThat(config.get("ExposedPorts").has("8080/tcp")).isTrue();
        assertThat(config.get("Env")).extracting(JsonNode::asText).contains("WEBHOOKS_HTTP_HOST=0.0.0.0",
                "WEBHOOKS_DATA_DIR=/var/lib/webhooks", "JAVA_HOME=/opt/java");
    }

    @Test
    void shouldLayTheBaseTheLibrariesAndTheApplicationInLayersOfTheirOwn() throws IOException {
        List<ImageArchive.Layer> layers = image.layers();
        ImageArchive.Layer base = layers.get(0);

        assertThat(base.contains("./opt/java/bin/java")).isTrue();
        assertThat(base.contains("./lib/x86_64-linux-gnu/libc.so.6")).isTrue();
        assertThat(base.contains("./usr/lib/x86_64-linux-gnu/libstdc++.so.6")).as("RocksDB's native library needs it").isTrue();
        assertThat(base.entry("./etc/passwd")).contains(" 0/0 ");
        assertThat(base.entry("./var/lib/webhooks")).startsWith("drwx").contains(" 10001/10001 ");
        assertThat(base.entry("./tmp")).startsWith("drwxrwxrwt");
        assertThat(layers.stream().filter(l -> l.contains("./bin/sh") || l.contains("./usr/bin/apt-get"))).isEmpty();
        ImageArchive.Layer libraries = layers.stream().filter(l -> l.contains("app/libs/kafka-clients-4.3.1.jar"))
                .findFirst().orElseThrow();
        ImageArchive.Layer ours = layers.stream().filter(l -> l.listing().stream()
                .anyMatch(line -> line.endsWith(" app/libs/webhooks.jar"))).findFirst().orElseThrow();
        assertThat(ours).isNotSameAs(libraries).isNotSameAs(base);
        assertThat(layers.stream().filter(l -> l.contains("app/jib-classpath-file"))).hasSize(1);
        for (ImageArchive.Layer layer : layers) {
            log.info("layer {}: {} MiB compressed, {} MiB, {} entries", layer.file(), mib(layer.compressedBytes()),
                    mib(image.uncompressedBytes(layer)), layer.listing().size());
        }
    }

    @Test
    void shouldCarryNeitherTheEmbeddedBrokerNorTheBench() {
        List<String> jars = image.layers().stream().flatMap(l -> l.listing().stream())
                .filter(line -> line.endsWith(".jar")).toList();

        assertThat(jars).anyMatch(line -> line.contains("kafka-streams-4.3.1.jar"));
        assertThat(jars).noneMatch(line -> LEFT_OUT.matcher(line).find());
        assertThat(jars).filteredOn(line -> line.contains("rocksdbjni")).singleElement().asString().endsWith("-linux64.jar");
    }

    @Test
    void shouldStayWithinItsSizeBudget() {
        long compressed = image.compressedBytes();
        log.info("image: {} layers, {} MiB compressed", image.layers().size(), mib(compressed));

        assertThat(compressed).isLessThan(SIZE_BUDGET_BYTES);
    }

    @Test
    void shouldPrintItsHelpFromTheEntrypointAsItsUser() throws Exception {
        Path output = work.resolve("help.log");

        Process help = ContainerRun.start(root, image.config(), List.of("--help"), Map.of(), output);

        assertThat(help.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(help.exitValue()).as(Files.readString(output)).isZero();
        assertThat(Files.readString(output)).contains("Usage: webhooks", "ingest", "router", "deliverer");
    }

    @Test
    void shouldRefuseStandaloneForWantOfTheEmbeddedBroker() throws Exception {
        Path output = work.resolve("standalone.log");

        Process standalone = ContainerRun.start(root, image.config(), List.of("standalone"), Map.of(), output);

        assertThat(standalone.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(standalone.exitValue()).isEqualTo(1);
        assertThat(Files.readString(output)).contains("The embedded Kafka broker is not part of this distribution");
    }

    @Test
    void shouldRunEveryRoleUntilReadyAgainstAKafkaCluster() throws Exception {
        Map<String, Integer> ports = new LinkedHashMap<>();
        for (String role : List.of("router", "deliverer", "ingest")) {
            int port = LoopbackPorts.unused();
            ports.put(role, port);
            Map<String, String> environment = new LinkedHashMap<>();
            environment.put("WEBHOOKS_KAFKA_BOOTSTRAP_SERVERS", TestKafka.bootstrapServers());
            environment.put("WEBHOOKS_HTTP_HOST", "127.0.0.1");
            environment.put("WEBHOOKS_HTTP_PORT", Integer.toString(port));
            environment.put("WEBHOOKS_DATA_DIR", "/tmp/" + role);
            environment.put("WEBHOOKS_TOPICS_REPLICATION_FACTOR", "1");
            environment.put("WEBHOOKS_API_TOKEN", "image-test-token");
            environment.put("WEBHOOKS_SECRETS_KEY", SecretKeys.generate("k1", new SecureRandom()));
            environment.put("JAVA_TOOL_OPTIONS", "-Xmx256m");
            started.add(ContainerRun.start(root, image.config(), List.of(role), environment, work.resolve(role + ".log")));
        }

        HttpClient http = HttpClient.newHttpClient();
        for (Map.Entry<String, Integer> role : ports.entrySet()) {
            URI ready = URI.create("http://127.0.0.1:" + role.getValue() + "/ready");
            await(role.getKey() + " ready").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(status(http, ready)).as("%s: %s", role.getKey(), logOf(role.getKey()))
                            .isEqualTo(200));
        }
        assertThat(started).allMatch(Process::isAlive);
    }

    /** The status /ready answers, or -1 while nothing listens. */
    private static int status(HttpClient http, URI uri) throws InterruptedException {
        try {
            return http.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        }
    }

    private String logOf(String role) throws IOException {
        Path file = work.resolve(role + ".log");
        return Files.exists(file) ? Files.readString(file) : "";
    }

    private static long mib(long bytes) {
        return Math.round(bytes / 1024.0 / 1024.0);
    }
}
