package com.chatplugify.webhooks.bench.load;

import com.chatplugify.webhooks.bench.report.CeilingResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Kafka's own producer benchmark, {@code org.apache.kafka.tools.ProducerPerformance} (what
 * {@code kafka-producer-perf-test.sh} runs), in a JVM of its own on the same broker, measured one fixed way so that
 * the pipeline's ratio to it compares across runs: {@link #RECORDS} records of {@link #RECORD_BYTES} bytes,
 * {@code acks=all}, {@code linger.ms=5}, no compression. Long enough that the JIT does not decide the figure.
 */
public final class ProducerCeiling {

    /** A topic of the bench's own, created for the run and deleted after it. */
    public static final String TOPIC = "chatplugify.bench.ceiling";
    /** The records of the fixed measurement; fewer (a quick run) give a figure that does not compare. */
    public static final long RECORDS = 1_000_000;
    public static final int RECORD_BYTES = 200;
    private static final String PRODUCER_SETTINGS = "acks=all linger.ms=5 compression.type=none";
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), "
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");
    private static final long TIMEOUT_MINUTES = 10;

    private ProducerCeiling() {
    }

    public static CeilingResult run(String bootstrapServers, int partitions, long records, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.CLIENT_ID_CONFIG, "bench-ceiling-admin"))) {
            createTopic(admin, partitions);
            try {
                String output = runTool(bootstrapServers, records, workDir.resolve("ceiling-output.txt"));
                return parse(output, RECORD_BYTES).orElseThrow(() -> new IllegalStateException(
                        "ProducerPerformance printed no summary:\n" + output));
            } finally {
                admin.deleteTopics(List.of(TOPIC));
            }
        }
    }

    /** The summary line of ProducerPerformance's output, if there is one. */
    static Optional<CeilingResult> parse(String output, int recordBytes) {
        CeilingResult result = null;
        Matcher matcher = SUMMARY.matcher(output);
        while (matcher.find()) {
            result = new CeilingResult(Long.parseLong(matcher.group(1)), recordBytes, Double.parseDouble(matcher.group(2)),
                    Double.parseDouble(matcher.group(3)), Double.parseDouble(matcher.group(4)),
                    Double.parseDouble(matcher.group(8)), PRODUCER_SETTINGS);
        }
        return Optional.ofNullable(result);
    }

    private static void createTopic(Admin admin, int partitions) throws InterruptedException {
        try {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(partitions), Optional.empty())))
                    .all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create " + TOPIC + ": " + e.getCause().getMessage(), e.getCause());
            }
        } catch (TimeoutException e) {
            throw new IllegalStateException("Cannot create " + TOPIC + ": the broker did not answer", e);
        }
    }

    private static String runTool(String bootstrapServers, long records, Path output) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", TOPIC,
                "--num-records", Long.toString(records),
                "--record-size", Integer.toString(RECORD_BYTES),
                "--throughput", "-1",
                "--producer-props", "bootstrap.servers=" + bootstrapServers));
        command.addAll(List.of(PRODUCER_SETTINGS.split(" ")));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(TIMEOUT_MINUTES, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new IllegalStateException("ProducerPerformance did not finish within " + TIMEOUT_MINUTES + " minutes");
        }
        return Files.readString(output, StandardCharsets.UTF_8);
    }
}
