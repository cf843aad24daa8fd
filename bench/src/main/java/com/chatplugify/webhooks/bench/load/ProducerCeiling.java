package com.chatplugify.webhooks.bench.load;

import com.chatplugify.webhooks.bench.drive.BenchEvents;
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
 * {@code kafka-producer-perf-test.sh} runs), in a JVM of its own on the same broker, sending the bench's event JSON
 * with the producer settings the system's producers use. Its throughput is the ceiling the pipeline is compared with.
 */
public final class ProducerCeiling {

    /** A topic of the bench's own, created for the run and deleted after it. */
    public static final String TOPIC = "chatplugify.bench.ceiling";
    private static final String PRODUCER_SETTINGS = "acks=all enable.idempotence=true linger.ms=2 compression.type=lz4";
    private static final Pattern SUMMARY = Pattern.compile("(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), "
            + "([\\d.]+) ms avg latency, ([\\d.]+) ms max latency, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th");
    private static final long TIMEOUT_MINUTES = 10;
    private static final int SAMPLE_PAYLOADS = 1000;

    private ProducerCeiling() {
    }

    public static CeilingResult run(String bootstrapServers, int partitions, long records, Path workDir)
            throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        Path payloads = workDir.resolve("ceiling-payloads.txt");
        int recordBytes = writePayloads(payloads);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            createTopic(admin, partitions);
            try {
                String output = runTool(bootstrapServers, records, payloads, workDir.resolve("ceiling-output.txt"));
                return parse(output, recordBytes).orElseThrow(() -> new IllegalStateException(
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

    private static int writePayloads(Path file) throws IOException {
        List<String> lines = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < SAMPLE_PAYLOADS; i++) {
            String json = new String(BenchEvents.sample(i), StandardCharsets.UTF_8);
            lines.add(json);
            bytes += json.length();
        }
        Files.write(file, lines, StandardCharsets.UTF_8);
        return (int) (bytes / SAMPLE_PAYLOADS);
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

    private static String runTool(String bootstrapServers, long records, Path payloads, Path output)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
                Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "org.apache.kafka.tools.ProducerPerformance",
                "--topic", TOPIC,
                "--num-records", Long.toString(records),
                "--throughput", "-1",
                "--payload-file", payloads.toString(),
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
