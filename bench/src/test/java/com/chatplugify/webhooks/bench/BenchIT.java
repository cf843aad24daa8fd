package com.chatplugify.webhooks.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.chatplugify.webhooks.testing.net.LoopbackPorts;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code webhooks bench} end to end on its smallest settings: the figures are not looked at, only that the run
 * completes, loses nothing and writes results of the expected shape.
 */
class BenchIT {

    @TempDir
    Path output;

    @Test
    void shouldMeasureTheHealthyScenarioOnItsOwnStandaloneSystemWithoutLosingADelivery() throws Exception {
        int exit = BenchCommand.commandLine().execute("--scenarios", "healthy", "--no-baseline", "--no-ceiling",
                "--warmup", "1s", "--jit-wait", "3s", "--duration", "2s", "--rate", "50", "--endpoints", "4", "--drain-timeout", "30s",
                "--kafka-port", Integer.toString(LoopbackPorts.unused()), "--http-port", "0", "--receiver-port", "0",
                "--data-dir", output.resolve("data").toString(), "--output", output.toString(), "--verbose");

        assertThat(exit).isZero();
        JsonNode report = readReport();
        assertThat(report.get("machine").get("cores").intValue()).isPositive();
        assertThat(report.get("machine").get("kafkaVersion").textValue()).isEqualTo("4.3.1");
        assertThat(report.get("settings").get("mode").textValue()).isEqualTo("in-process");
        JsonNode healthy = onlyMeasurement(report);
        assertThat(healthy.get("scenario").textValue()).isEqualTo("healthy");
        assertThat(healthy.get("system").textValue()).isEqualTo("pipeline");
        assertThat(healthy.get("eventsSent").longValue()).isPositive();
        assertThat(healthy.get("deliveriesExpected").longValue()).isEqualTo(healthy.get("eventsSent").longValue());
        assertThat(healthy.get("deliveriesReceived").longValue()).isEqualTo(healthy.get("deliveriesExpected").longValue());
        assertThat(healthy.get("lost").longValue()).isZero();
        assertThat(healthy.get("latency").get("healthy").get("count").longValue()).isPositive();
        assertThat(healthy.get("routerEventsPerSecond").isNumber()).isTrue();
        assertThat(healthy.get("cpu").get("byComponent").has("broker")).isTrue();
        assertThat(report.get("targets").isArray()).isTrue();
        assertThat(Files.exists(output.resolve("data"))).isFalse();
        try (Stream<Path> files = Files.list(output)) {
            assertThat(files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".md"))).hasSize(1);
        }
    }

    @Test
    void shouldMeasureTheCrowdOnThePipelineAndBothBaselinesAndTheFifoScenarioWithAProfileOfEachWindow() throws Exception {
        int exit = BenchCommand.commandLine().execute("--scenarios", "crowd,fifo", "--no-ceiling", "--profile",
                "--warmup", "1s", "--jit-wait", "0s", "--duration", "2s", "--rate", "50", "--endpoints", "4", "--crowd", "8",
                "--crowd-rate", "2", "--slow", "1s", "--hang", "2s", "--retry-after", "1s", "--drain-timeout", "60s",
                "--kafka-port", Integer.toString(LoopbackPorts.unused()), "--http-port", "0", "--receiver-port", "0",
                "--data-dir", output.resolve("data").toString(), "--output", output.toString(), "--verbose");

        assertThat(exit).isZero();
        JsonNode report = readReport();
        List<JsonNode> measurements = new ArrayList<>();
        report.get("measurements").forEach(measurements::add);
        assertThat(measurements).extracting(m -> m.get("scenario").textValue() + "/" + m.get("system").textValue())
                .containsExactlyInAnyOrder("crowd/pipeline", "fifo/pipeline", "fifo-one/pipeline", "crowd/baseline-naive",
                        "crowd/baseline-listener");
        for (JsonNode measurement : measurements) {
            String label = measurement.get("scenario").textValue() + "/" + measurement.get("system").textValue();
            assertThat(measurement.get("lost").longValue()).as(label).isZero();
            assertThat(measurement.get("deliveriesReceived").longValue()).as(label).isPositive();
            assertThat(measurement.get("cpu").get("byComponent").has("receiver")).as(label).isTrue();
            assertThat(measurement.get("cpu").get("byComponent").has("driver")).as(label).isTrue();
            assertThat(measurement.get("profile").get("samples").longValue()).as(label).isPositive();
            assertThat(output.resolve(runName() + "-profile").resolve(measurement.get("profile").get("file").textValue()))
                    .as(label).exists();
        }
        JsonNode crowd = measurements.get(0);
        assertThat(crowd.get("endpoints").intValue()).isEqualTo(12);
        assertThat(crowd.get("deliveriesExpected").longValue()).isLessThan(crowd.get("eventsSent").longValue());
        assertThat(crowd.get("latency").get("slow").get("count").longValue()).isPositive();
        assertThat(crowd.get("latency").has("refused")).isFalse();
        assertThat(measurements).filteredOn(m -> m.get("scenario").textValue().startsWith("fifo"))
                .allSatisfy(fifo -> assertThat(fifo.get("outOfOrder").longValue()).isZero());
        assertThat(report.get("notes").toString()).contains("one per partition");
    }

    @Test
    void shouldMeasureARunningClusterThroughItsApiWithoutLosingADelivery() throws Exception {
        String apiUrl = TestSystem.shared().baseUrl();

        int exit = BenchCommand.commandLine().execute("--scenarios", "fanout", "--no-ceiling",
                "--warmup", "1s", "--jit-wait", "0s", "--duration", "2s", "--rate", "20", "--endpoints", "4", "--fanout", "2",
                "--drain-timeout", "30s", "--receiver-port", "0", "--output", output.toString(), "--verbose",
                "--bootstrap-servers", TestKafka.bootstrapServers(), "--api-url", apiUrl, "--api-token", TestSystem.API_TOKEN,
                "--metrics-url", apiUrl + "/metrics");

        assertThat(exit).isZero();
        JsonNode report = readReport();
        assertThat(report.get("settings").get("mode").textValue()).isEqualTo("cluster");
        JsonNode fanout = onlyMeasurement(report);
        assertThat(fanout.get("fanout").intValue()).isEqualTo(2);
        assertThat(fanout.get("deliveriesExpected").longValue()).isEqualTo(2 * fanout.get("eventsSent").longValue());
        assertThat(fanout.get("lost").longValue()).isZero();
        assertThat(fanout.get("delivererAttemptsPerSecond").isNumber()).isTrue();
        assertThat(report.get("notes").toString()).contains("baseline");
    }

    private JsonNode readReport() throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            List<Path> reports = files.filter(path -> path.getFileName().toString().endsWith(".json")).toList();
            assertThat(reports).hasSize(1);
            return Json.mapper().readTree(reports.get(0).toFile());
        }
    }

    /** {@code bench-<time>}, the name of the report's files. */
    private String runName() throws IOException {
        try (Stream<Path> files = Files.list(output)) {
            String json = files.map(path -> path.getFileName().toString()).filter(name -> name.endsWith(".json")).findFirst()
                    .orElseThrow();
            return json.substring(0, json.length() - ".json".length());
        }
    }

    private static JsonNode onlyMeasurement(JsonNode report) {
        assertThat(report.get("measurements")).hasSize(1);
        return report.get("measurements").get(0);
    }
}
