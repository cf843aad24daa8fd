package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.drive.EventDriver;
import com.chatplugify.webhooks.bench.drive.Pacing;
import com.chatplugify.webhooks.bench.drive.Workload;
import com.chatplugify.webhooks.bench.measure.CpuMeter;
import com.chatplugify.webhooks.bench.measure.JitActivity;
import com.chatplugify.webhooks.bench.measure.PeakSampler;
import com.chatplugify.webhooks.bench.measure.ProcessMemory;
import com.chatplugify.webhooks.bench.measure.ProfileSummary;
import com.chatplugify.webhooks.bench.measure.ProgressLine;
import com.chatplugify.webhooks.bench.measure.WindowProfiler;
import com.chatplugify.webhooks.bench.receiver.DeliveryTally;
import com.chatplugify.webhooks.bench.receiver.EndpointKind;
import com.chatplugify.webhooks.bench.receiver.ReceiverEndpoint;
import com.chatplugify.webhooks.bench.receiver.Reply;
import com.chatplugify.webhooks.bench.report.Measurement;
import com.chatplugify.webhooks.bench.system.SystemCounters;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Makes one measurement: script the endpoints, send through a warm-up and then the measured window, release the
 * endpoints so that the backlog drains, wait for the deliveries the plan waits for, and read the figures. Counters,
 * CPU and the profile cover the window; latency is that of the events stamped inside it.
 */
final class MeasurementRunner {

    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);

    /** The instruments a measurement reads. */
    record Instruments(CpuMeter cpu, JitActivity jit, ProcessMemory memory, PeakSampler peaks, WindowProfiler profiler) {
    }

    private final MicroClock clock;
    private final Instruments instruments;
    private final ProgressLine progress;
    /**
     * Longest the warm-up goes on, under load, until the JIT compiler is quiet. Some paths are compiled only under load:
     * after a 5 s flat-out warm-up the compiler still took 0.4 core of the deliverer's window, and after 40 s, 0.05.
     */
    private final Duration jitWait;
    private final Duration drainTimeout;
    private final String runKey;
    private final AtomicInteger measurements = new AtomicInteger();

    MeasurementRunner(MicroClock clock, Instruments instruments, ProgressLine progress, Duration jitWait,
                      Duration drainTimeout, String runKey) {
        this.clock = clock;
        this.instruments = instruments;
        this.progress = progress;
        this.jitWait = jitWait;
        this.drainTimeout = drainTimeout;
        this.runKey = runKey;
    }

    Measurement run(MeasurementPlan plan, String system, EventDriver driver, SystemCounters counters) throws InterruptedException {
        String prefix = "evt_" + runKey + "_m" + measurements.incrementAndGet();
        Workload workload = plan.workload().apply(prefix);
        DeliveryTally tally = new DeliveryTally(prefix, plan.endpoints().endpoints(), workload::sequence);
        for (ReceiverEndpoint endpoint : plan.endpoints().endpoints()) {
            endpoint.tally(tally);
            endpoint.applyKind(plan.replies());
        }
        long routedAtStart = counters.routedDeliveries().getAsLong();
        LongSupplier completed = plan.completion().completed(tally,
                () -> counters.routedDeliveries().getAsLong() - routedAtStart);
        Pacing pacing = plan.rate() > 0 ? new Pacing.FixedRate(plan.rate()) : new Pacing.FlatOut(plan.maxInFlight(), completed);

        String label = plan.scenario() + "/" + system;
        // At most three warm-ups: long enough for C2 to catch up after a saturating scenario, short for quick runs.
        Duration idleWait = instruments.jit().awaitQuiet(plan.warmup().multipliedBy(3)).waited();
        if (idleWait.toSeconds() >= 5) {
            progress.println(String.format(Locale.ROOT, "[%s] waited %d s for the JIT compiler to catch up", label,
                    idleWait.toSeconds()));
        }
        long startedNanos = System.nanoTime();
        Phase phase = new Phase();
        EventDriver.Run run = driver.start(workload, pacing);
        progress.start(() -> status(label, phase, startedNanos, plan, run, completed, workload.fanout(), tally));

        MeasurementFigures.Window window;
        try {
            Thread.sleep(plan.warmup().toMillis());
            phase.name = "warm-up, JIT compiling";
            JitActivity.Wait underLoad = instruments.jit().awaitQuiet(jitWait);
            MeasurementFigures.WarmUp warmUp = new MeasurementFigures.WarmUp(plan.warmup().plus(underLoad.waited()),
                    !jitWait.isZero() && !underLoad.quiet());
            instruments.memory().resetPeak();
            MeasurementFigures.Edge start = edge(run, counters, tally, true);
            instruments.peaks().start(counters.deliveriesHeld());
            instruments.profiler().start();
            phase.name = "measuring";
            Thread.sleep(plan.duration().toMillis());
            MeasurementFigures.Edge end = edge(run, counters, tally, false);
            PeakSampler.Peaks peaks = instruments.peaks().stop();
            long peakRss = instruments.memory().peakMiB();
            EventDriver.Totals totals = run.stop();
            Optional<ProfileSummary> profile = instruments.profiler().stop(plan.scenario() + "-" + system);
            window = new MeasurementFigures.Window(start, end, warmUp, totals, peakRss, peaks, profile.orElse(null));
        } catch (RuntimeException | InterruptedException e) {
            run.abort();
            instruments.peaks().stop();
            progress.stop();
            throw e;
        }

        phase.name = "releasing";
        plan.afterWindow().run();
        plan.endpoints().endpoints().forEach(endpoint -> endpoint.reply(Reply.OK));
        phase.name = "draining";
        long expected = plan.completion().expected(window.totals().acknowledged(), workload.fanout());
        long drainStarted = System.nanoTime();
        long drainDeadline = drainStarted + drainTimeout.toNanos();
        while (completed.getAsLong() < expected && System.nanoTime() < drainDeadline) {
            Thread.sleep(50);
        }
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
        phase.name = "settling";
        settle(counters.deliveryAttempts());
        progress.stop();
        return new MeasurementFigures(plan, system, tally, window, instruments.cpu(), drainTimeout)
                .measurement(workload.fanout(), expected, completed.getAsLong(), drainSeconds);
    }

    private MeasurementFigures.Edge edge(EventDriver.Run run, SystemCounters counters, DeliveryTally tally, boolean open) {
        long now = clock.nowMicros();
        if (open) {
            tally.openWindow(now);
        } else {
            tally.closeWindow(now);
        }
        return new MeasurementFigures.Edge(System.nanoTime(), run.sent(), counters.routedDeliveries().getAsLong(),
                counters.deliveryAttempts().getAsLong(), counters.attemptsWithoutStatus().getAsLong(), instruments.cpu().read(),
                instruments.jit().compilationMillis());
    }

    /** Waits until the deliverer has stopped attempting (retries of the scenario), so the next one starts quiet. */
    private static void settle(LongSupplier attempts) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_TIMEOUT.toNanos();
        long last = attempts.getAsLong();
        while (last != SystemCounters.UNKNOWN && System.nanoTime() < deadline) {
            Thread.sleep(SETTLE.toMillis());
            long now = attempts.getAsLong();
            if (now == last) {
                return;
            }
            last = now;
        }
    }

    private String status(String label, Phase phase, long startedNanos, MeasurementPlan plan, EventDriver.Run run,
                          LongSupplier completed, int fanout, DeliveryTally tally) {
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        long total = plan.warmup().plus(plan.duration()).toSeconds();
        long sent = run.sent();
        long done = completed.getAsLong();
        Histogram interval = tally.interval(EndpointKind.HEALTHY);
        return String.format(Locale.ROOT, "[%s] %s %d/%d s  sent %,d  delivered %,d  backlog %,d  p99 %s  cpu %.0f%%",
                label, phase.name, Math.min(elapsed, total), total, sent, done,
                Math.max(0, plan.completion().expected(sent, fanout) - done),
                interval.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", interval.getValueAtPercentile(99) / 1000.0),
                instruments.cpu().processPercentSinceLastCall());
    }

    private static final class Phase {
        private volatile String name = "warm-up";
    }
}
