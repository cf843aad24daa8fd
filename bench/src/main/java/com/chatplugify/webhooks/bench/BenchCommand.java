package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.app.WebhooksCommand;
import com.chatplugify.webhooks.app.cli.ConfigOptions;
import com.chatplugify.webhooks.bench.load.ProducerCeiling;
import com.chatplugify.webhooks.bench.measure.ProgressLine;
import com.chatplugify.webhooks.bench.receiver.EndpointKind;
import com.chatplugify.webhooks.bench.receiver.KindReplies;
import com.chatplugify.webhooks.bench.report.BenchReport;
import com.chatplugify.webhooks.bench.report.MarkdownReport;
import com.chatplugify.webhooks.common.config.Durations;
import com.chatplugify.webhooks.common.json.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Measure delivery throughput and latency: starts a standalone system on the bench ports (or connects "
                + "to a running cluster), registers endpoints on a built-in receiver on 127.0.0.1, drives events, and "
                + "compares with two baseline deliverers and Kafka's own producer in the same run.",
            "Writes a JSON file and a Markdown table to --output. See BENCHMARKS.md."})
public final class BenchCommand implements Callable<Integer> {

    /** What {@code bin/webhooks bench} runs. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The bench's command line, named as {@code bin/webhooks} presents it. */
    public static CommandLine commandLine() {
        return WebhooksCommand.commandLine(new BenchCommand()).setCommandName("webhooks bench");
    }

    @Option(names = "--scenarios", paramLabel = "LIST", description = "Comma-separated: throughput, healthy, hung, crowd, "
            + "fanout, failing, fifo, sweep, deliverer, api, router, guarantee, or all (default).")
    String scenarios = "all";

    @Option(names = "--quick", description = "A small smoke run: short, slow and small, to check that everything works.")
    boolean quick;

    @Option(names = "--duration", paramLabel = "DURATION", description = "Measured window of each scenario (30s; quick 5s).")
    String duration;

    @Option(names = "--warmup", paramLabel = "DURATION", description = "Unmeasured run before each window (10s; quick 3s).")
    String warmup;

    @Option(names = "--jit-wait", paramLabel = "DURATION",
            description = "Longest the unmeasured run goes on after --warmup while the JIT compiler is busy (60s; quick 0s).")
    String jitWait;

    @Option(names = "--rate", description = "Events a second of the fixed-rate scenarios (2000; quick 200).")
    Double rate;

    @Option(names = "--endpoints", description = "Endpoints (webhooks) per scenario (50; quick 10).")
    Integer endpoints;

    @Option(names = "--fanout", description = "Webhooks per workspace in the fanout scenario (10; quick 5).")
    Integer fanout;

    @Option(names = "--router-fanout", description = "Webhooks per workspace in the router scenario (3).")
    Integer routerFanout;

    @Option(names = "--hang", paramLabel = "DURATION", description = "How long a hung endpoint holds each request (15s).")
    String hang;

    @Option(names = "--slow", paramLabel = "DURATION", description = "How long a slow endpoint of the crowd takes to answer 200 (9500ms).")
    String slow;

    @Option(names = "--retry-after", paramLabel = "DURATION", description = "Retry-After of a throttled endpoint's 429 (10s).")
    String retryAfter;

    @Option(names = "--crowd", description = "Bad endpoints of the crowd scenario, beside --endpoints healthy ones (300; quick 20).")
    Integer crowd;

    @Option(names = "--crowd-rate", description = "Events a second to each bad endpoint of the crowd (1).")
    Double crowdRate;

    @Option(names = "--crowd-kinds", paramLabel = "LIST", description = "What the crowd's bad endpoints do, in turn: "
            + "slow, hung, refused, failing, throttled (all five).")
    String crowdKinds;

    @Option(names = "--failing-percent", description = "Share of endpoints answering 500 in the failing scenario (10).")
    Integer failingPercent;

    @Option(names = "--max-in-flight", description = "Deliveries outstanding at most when flat out (2000; quick 500).")
    Long maxInFlight;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", description = "Wait for the last deliveries (120s; quick 60s).")
    String drainTimeout;

    @Option(names = "--sweep-rates", paramLabel = "LIST", description = "Rates of the sweep (100,200,500,1000,2000,4000,8000,16000; quick 100,200,400).")
    String sweepRates;

    @Option(names = "--sweep-step-duration", paramLabel = "DURATION", description = "Measured window of a sweep step (10s; quick 3s).")
    String sweepStepDuration;

    @Option(names = "--latency-goal", paramLabel = "DURATION", description = "p99 a sweep step must stay under (100ms).")
    String latencyGoal;

    @Option(names = "--baseline", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the two baseline deliverers (naive, Spring Kafka style) on the same scenarios (default: on).")
    boolean baseline;

    @Option(names = "--ceiling", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Measure Kafka's producer throughput on the same broker (default: on).")
    boolean ceiling;

    @Option(names = "--ceiling-records", description = "Records of the producer ceiling (1000000, the fixed measurement; quick 100000).")
    Long ceilingRecords;

    @Option(names = "--profile", description = "Record each measured window with JDK Flight Recorder into the output folder, "
            + "and report where the CPU goes.")
    boolean profile;

    @Option(names = "--api-clients", description = "Concurrent clients of the api scenario (32; quick 4).")
    Integer apiClients;

    @Option(names = "--api-batch-size", description = "Events per POST /v1/events/batch (500; quick 100).")
    Integer apiBatchSize;

    @Option(names = "--receiver-port", defaultValue = "59100", description = "Port of the built-in receiver on 127.0.0.1 (${DEFAULT-VALUE}).")
    int receiverPort;

    @Option(names = "--receiver-threads", defaultValue = "2", description = "I/O threads of the built-in receiver (${DEFAULT-VALUE}).")
    int receiverThreads;

    @Option(names = "--output", defaultValue = "bench-results", description = "Folder for the JSON and Markdown results (${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--kafka-port", defaultValue = "59092", description = "In-process: port of the embedded broker (${DEFAULT-VALUE}).")
    int kafkaPort;

    @Option(names = "--http-port", defaultValue = "59080", description = "In-process: port of the system's HTTP API (${DEFAULT-VALUE}).")
    int httpPort;

    @Option(names = "--data-dir", description = "In-process: data folder, deleted afterwards unless --keep-data (/tmp/bench-<time>).")
    Path dataDir;

    @Option(names = "--keep-data", description = "In-process: keep the data folder.")
    boolean keepData;

    @Option(names = "--bootstrap-servers", description = "Measure a running cluster instead (its deliverers must allow http to 127.0.0.1).")
    String bootstrapServers;

    @Option(names = "--api-url", description = "With --bootstrap-servers: the cluster's API, e.g. http://127.0.0.1:8080.")
    String apiUrl;

    @Option(names = "--api-token", description = "With --bootstrap-servers: the API token.")
    String apiToken;

    @Option(names = "--metrics-url", description = "With --bootstrap-servers: a /metrics page of a router or deliverer. Repeatable.")
    List<URI> metricsUrls = new ArrayList<>();

    @Option(names = "--verbose", description = "Show the system's INFO logs while measuring.")
    boolean verbose;

    @Mixin
    ConfigOptions config;

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        BenchSettings settings = settings(clock);
        if (!verbose) {
            quietLogs();
        }
        BenchReport report;
        try (ProgressLine progress = new ProgressLine(System.err, System.console() != null, 5)) {
            report = new BenchRunner(settings, clock, progress).run();
        }
        String markdown = MarkdownReport.render(report);
        Files.createDirectories(settings.outputDir());
        String name = BenchRunner.runName(java.time.Instant.parse(report.startedAt()));
        Path json = settings.outputDir().resolve(name + ".json");
        Path md = settings.outputDir().resolve(name + ".md");
        Files.write(json, Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(report));
        Files.writeString(md, markdown, StandardCharsets.UTF_8);
        System.out.println(markdown);
        System.out.printf("Results: %s and %s%n", json, md);
        return 0;
    }

    /** The settings of this command line; {@code --quick} changes the defaults of what is not given. */
    BenchSettings settings(Clock clock) {
        BenchSettings.Target target;
        if (bootstrapServers != null) {
            if (apiUrl == null || apiToken == null) {
                throw new IllegalArgumentException("--bootstrap-servers needs --api-url and --api-token to register the bench's webhooks");
            }
            target = new BenchSettings.Remote(bootstrapServers, apiUrl.replaceAll("/+$", ""), apiToken, metricsUrls);
        } else {
            Path folder = dataDir != null ? dataDir : Path.of("/tmp", "bench-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                    .withZone(ZoneOffset.UTC).format(clock.instant()));
            target = new BenchSettings.InProcess(kafkaPort, httpPort, folder,
                    config.load(System.getenv()).originalsStrings(), keepData);
        }
        return new BenchSettings(
                Scenario.parse(scenarios),
                duration(warmup, "10s", "3s"),
                duration(jitWait, "60s", "0s"),
                duration(duration, "30s", "5s"),
                pick(rate, 2000.0, 200.0),
                pick(endpoints, 50, 10),
                pick(fanout, 10, 5),
                pick(routerFanout, 3, 3),
                pick(crowd, 300, 20),
                pick(crowdRate, 1.0, 1.0),
                kinds(crowdKinds != null ? crowdKinds : "slow,hung,refused,failing,throttled"),
                new KindReplies(duration(hang, "15s", "15s"), duration(slow, "9500ms", "9500ms"), duration(retryAfter, "10s", "10s")),
                pick(failingPercent, 10, 10),
                pick(maxInFlight, 2000L, 500L),
                duration(drainTimeout, "120s", "60s"),
                rates(sweepRates != null ? sweepRates : quick ? "100,200,400" : "100,200,500,1000,2000,4000,8000,16000"),
                duration(sweepStepDuration, "10s", "3s"),
                duration(latencyGoal, "100ms", "100ms"),
                baseline,
                ceiling,
                pick(ceilingRecords, ProducerCeiling.RECORDS, 100_000L),
                pick(apiClients, 32, 4),
                pick(apiBatchSize, 500, 100),
                receiverPort,
                receiverThreads,
                profile,
                output,
                target);
    }

    private <T> T pick(T given, T full, T quickDefault) {
        return given != null ? given : quick ? quickDefault : full;
    }

    private Duration duration(String given, String full, String quickDefault) {
        return Durations.parse(pick(given, full, quickDefault));
    }

    private static List<EndpointKind> kinds(String text) {
        List<EndpointKind> kinds = new java.util.ArrayList<>();
        for (String name : text.split(",")) {
            if (!name.isBlank()) {
                try {
                    kinds.add(EndpointKind.valueOf(name.trim().toUpperCase(java.util.Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("--crowd-kinds: unknown kind '" + name.trim()
                            + "' (slow, hung, refused, failing, throttled)", e);
                }
            }
        }
        return kinds;
    }

    private static List<Double> rates(String text) {
        return Arrays.stream(text.split(",")).map(String::trim).filter(s -> !s.isEmpty()).map(Double::valueOf).toList();
    }

    /**
     * Keeps the progress line readable: the system's INFO logs and the Kafka clients' start-up warnings (internal
     * topics not created yet, and so on) are noise here; the bench reports what fails in its results.
     */
    private static void quietLogs() {
        for (String name : List.of(org.slf4j.Logger.ROOT_LOGGER_NAME, "org.apache.kafka", "kafka", "state.change.logger")) {
            if (LoggerFactory.getLogger(name) instanceof ch.qos.logback.classic.Logger logger) {
                logger.setLevel(ch.qos.logback.classic.Level.ERROR);
            }
        }
        if (LoggerFactory.getLogger("com.chatplugify") instanceof ch.qos.logback.classic.Logger ours) {
            ours.setLevel(ch.qos.logback.classic.Level.WARN);
        }
    }
}
