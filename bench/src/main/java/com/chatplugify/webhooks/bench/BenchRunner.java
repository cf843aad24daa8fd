package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.load.ProducerCeiling;
import com.chatplugify.webhooks.bench.measure.CpuMeter;
import com.chatplugify.webhooks.bench.measure.JitActivity;
import com.chatplugify.webhooks.bench.measure.MachineInfo;
import com.chatplugify.webhooks.bench.measure.PeakSampler;
import com.chatplugify.webhooks.bench.measure.ProcessMemory;
import com.chatplugify.webhooks.bench.measure.ProgressLine;
import com.chatplugify.webhooks.bench.measure.ThreadAttribution;
import com.chatplugify.webhooks.bench.measure.WindowProfiler;
import com.chatplugify.webhooks.bench.receiver.BenchReceiver;
import com.chatplugify.webhooks.bench.report.ApiResult;
import com.chatplugify.webhooks.bench.report.BenchReport;
import com.chatplugify.webhooks.bench.report.CeilingResult;
import com.chatplugify.webhooks.bench.report.Measurement;
import com.chatplugify.webhooks.bench.report.SweepResult;
import com.chatplugify.webhooks.bench.report.Targets;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a whole bench: the Kafka producer ceiling, then every chosen scenario on each system compared (our pipeline,
 * the pipeline with an at_least_once router, the router alone, the two baselines), one system at a time, and
 * gathers the figures, ratios and target checks into one report.
 */
public final class BenchRunner {

    private static final Logger log = LoggerFactory.getLogger(BenchRunner.class);

    private final BenchSettings settings;
    private final Clock clock;
    private final ProgressLine progress;
    private final List<Measurement> measurements = new ArrayList<>();
    private final List<SweepResult> sweeps = new ArrayList<>();
    private final List<ApiResult> api = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();
    private CeilingResult ceiling;

    public BenchRunner(BenchSettings settings, Clock clock, ProgressLine progress) {
        this.settings = settings;
        this.clock = clock;
        this.progress = progress;
    }

    public BenchReport run() throws InterruptedException, IOException {
        Instant started = clock.instant();
        long startedNanos = System.nanoTime();
        String runKey = Long.toString(started.toEpochMilli() % 1_000_000_000L, 36);
        MicroClock microClock = new MicroClock(clock);
        SystemLauncher launcher = new SystemLauncher(settings, clock, microClock, runKey);
        ThreadAttribution attribution = launcher.attribution();
        WindowProfiler profiler = settings.profile()
                ? new WindowProfiler(settings.outputDir().resolve(runName(started) + "-profile"), attribution)
                : WindowProfiler.off();
        try (BenchReceiver receiver = BenchReceiver.start(microClock, settings.receiverPort(), settings.receiverThreads());
             PeakSampler peaks = new PeakSampler()) {
            MeasurementRunner runner = new MeasurementRunner(microClock, new MeasurementRunner.Instruments(
                    new CpuMeter(attribution), new JitActivity(), new ProcessMemory(), peaks, profiler),
                    progress, settings.jitWait(), settings.drainTimeout(), runKey);
            ScenarioExecutor executor = new ScenarioExecutor(settings, new EndpointPreparer(receiver, microClock, runKey),
                    runner, progress);
            runPipeline(launcher, executor, runKey);
            runAtLeastOnce(launcher, executor);
            runWithoutDeliverer(launcher, executor);
            if (receiver.stray() > 0) {
                notes.add(receiver.stray() + " requests reached the receiver that no measurement expected "
                        + "(deliveries of an earlier measurement arriving late, or retried after it ended)");
            }
        } finally {
            deleteDataUnlessKept();
        }
        Targets targets = new Targets(measurements, sweeps, ceiling);
        return new BenchReport(started.toString(), Math.round((System.nanoTime() - startedNanos) / 1e8) / 10.0,
                MachineInfo.current(), settings.describe(), ceiling, measurements, sweeps, api, targets.ratios(),
                targets.checks(), notes);
    }

    /** The name of a run's files in the output folder: {@code bench-<UTC date>-<time>}. */
    static String runName(Instant started) {
        return "bench-" + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(started);
    }

    private void runPipeline(SystemLauncher launcher, ScenarioExecutor executor, String runKey) throws InterruptedException {
        List<Scenario> scenarios = selected(s -> s != Scenario.ROUTER && s != Scenario.GUARANTEE);
        if (scenarios.isEmpty() && !settings.ceiling()) {
            return;
        }
        progress.println("Starting the pipeline" + (settings.inProcess() ? " (embedded broker and every role) ..." : " (cluster) ..."));
        try (SystemLauncher.Launched pipeline = launcher.pipeline(Targets.PIPELINE, Map.of())) {
            SystemSession session = pipeline.session();
            if (!scenarios.isEmpty()) {
                // The first system runs on a cold JVM; the others reuse its compiled code.
                guarded(scenarios.get(0), session, () -> executor.warmUp(session));
            }
            // After the warm-up, so that the broker the ceiling measures is as warm as the one the scenarios use.
            if (settings.ceiling()) {
                measureCeiling(session);
            }
            for (Scenario scenario : scenarios) {
                guarded(scenario, session, () -> {
                    if (scenario == Scenario.SWEEP) {
                        sweeps.add(executor.sweep(session, measurements));
                    } else if (scenario == Scenario.API) {
                        api.addAll(executor.api(session, "ws_" + runKey + "_api"));
                    } else if (scenario == Scenario.FIFO) {
                        measurements.addAll(executor.fifo(session));
                    } else {
                        measurements.add(executor.measure(scenario, session));
                    }
                });
            }
        }
    }

    private void runAtLeastOnce(SystemLauncher launcher, ScenarioExecutor executor) throws InterruptedException {
        if (!settings.scenarios().contains(Scenario.GUARANTEE) || !inProcessOrNote(Scenario.GUARANTEE.label())) {
            return;
        }
        progress.println("Starting the pipeline with an at_least_once router ...");
        try (SystemLauncher.Launched pipeline = launcher.pipeline(Targets.AT_LEAST_ONCE,
                Map.of("router.processing.guarantee", "at_least_once"))) {
            guarded(Scenario.GUARANTEE, pipeline.session(),
                    () -> measurements.add(executor.measure(Scenario.GUARANTEE, pipeline.session())));
        }
    }

    private void runWithoutDeliverer(SystemLauncher launcher, ScenarioExecutor executor) throws InterruptedException {
        boolean router = settings.scenarios().contains(Scenario.ROUTER);
        List<Scenario> baseline = settings.baseline() ? selected(Scenario::comparedWithBaseline) : List.of();
        if ((!router && baseline.isEmpty()) || !inProcessOrNote("router and baseline")) {
            return;
        }
        progress.println("Starting a system without a deliverer (router alone, then the baselines) ...");
        try (SystemLauncher.Launched withoutDeliverer = launcher.withoutDeliverer(Targets.ROUTER_ONLY)) {
            if (router) {
                guarded(Scenario.ROUTER, withoutDeliverer.session(),
                        () -> measurements.add(executor.measure(Scenario.ROUTER, withoutDeliverer.session())));
            }
            if (baseline.isEmpty()) {
                return;
            }
            notes.add("The baselines post at most " + withoutDeliverer.session().system().partitions()
                    + " requests at once, one per partition of chatplugify.deliveries; the pipeline's flat-out scenarios "
                    + "keep at most " + settings.maxInFlight() + " deliveries outstanding");
            for (SystemLauncher.Baseline kind : SystemLauncher.Baseline.values()) {
                try (SystemLauncher.Launched baselineSystem = launcher.baseline(withoutDeliverer, kind)) {
                    SystemSession session = baselineSystem.session();
                    for (Scenario scenario : baseline) {
                        guarded(scenario, session, () -> {
                            if (scenario == Scenario.SWEEP) {
                                sweeps.add(executor.sweep(session, measurements));
                            } else {
                                measurements.add(executor.measure(scenario, session));
                            }
                        });
                    }
                }
            }
        }
    }

    private void measureCeiling(SystemSession session) {
        progress.println("Measuring Kafka's producer ceiling (ProducerPerformance, " + settings.ceilingRecords() + " records) ...");
        try {
            Path workDir = settings.target() instanceof BenchSettings.InProcess inProcess
                    ? inProcess.dataDir() : Files.createTempDirectory("bench-ceiling-");
            ceiling = ProducerCeiling.run(session.system().bootstrapServers(), session.system().partitions(),
                    settings.ceilingRecords(), workDir);
            progress.println(String.format(java.util.Locale.ROOT, "[ceiling] %,.0f records/s of %d bytes, p99 %.0f ms",
                    ceiling.recordsPerSecond(), ceiling.recordBytes(), ceiling.p99LatencyMs()));
        } catch (IOException | RuntimeException e) {
            notes.add("The Kafka producer ceiling was not measured: " + e.getMessage());
            log.warn("Producer ceiling failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private interface Step {
        void run() throws InterruptedException;
    }

    /** Runs one scenario; a failure is noted in the report and the run goes on with the next scenario. */
    private void guarded(Scenario scenario, SystemSession session, Step step) throws InterruptedException {
        try {
            step.run();
        } catch (RuntimeException e) {
            // A scenario boundary: one scenario failing (say, a probe timing out) must not lose the others' figures.
            progress.stop();
            progress.println("[" + scenario.label() + "/" + session.name() + "] FAILED: " + e.getMessage());
            notes.add("Scenario " + scenario.label() + " on " + session.name() + " failed: " + e.getMessage());
            log.warn("Scenario {} on {} failed", scenario.label(), session.name(), e);
        }
    }

    private boolean inProcessOrNote(String what) {
        if (!settings.inProcess()) {
            notes.add("Not measured against a running cluster: " + what + " (each needs a system of its own)");
        }
        return settings.inProcess();
    }

    private List<Scenario> selected(java.util.function.Predicate<Scenario> which) {
        return settings.scenarios().stream().filter(which).sorted().toList();
    }

    private void deleteDataUnlessKept() throws IOException {
        if (!(settings.target() instanceof BenchSettings.InProcess inProcess) || inProcess.keepData()
                || !Files.exists(inProcess.dataDir())) {
            return;
        }
        try (Stream<Path> paths = Files.walk(inProcess.dataDir())) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
