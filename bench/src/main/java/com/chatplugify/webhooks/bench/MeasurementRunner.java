package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.drive.EventDriver;
import com.chatplugify.webhooks.bench.drive.Pacing;
import com.chatplugify.webhooks.bench.drive.Workload;
import com.chatplugify.webhooks.bench.measure.CpuMeter;
import com.chatplugify.webhooks.bench.measure.JitActivity;
import com.chatplugify.webhooks.bench.measure.ProcessMemory;
import com.chatplugify.webhooks.bench.measure.ProgressLine;
import com.chatplugify.webhooks.bench.receiver.DeliveryTally;
import com.chatplugify.webhooks.bench.receiver.Endpoint;
import com.chatplugify.webhooks.bench.receiver.EndpointKind;
import com.chatplugify.webhooks.bench.receiver.Reply;
import com.chatplugify.webhooks.bench.report.LatencySummary;
import com.chatplugify.webhooks.bench.report.Measurement;
import com.chatplugify.webhooks.bench.system.SystemCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import org.HdrHistogram.Histogram;

/**
 * Makes one measurement: script the endpoints, send through a warm-up and then the measured window, release the
 * endpoints so that the backlog drains, wait for the last deliveries, and read the figures. Counters and CPU are read
 * at the window's edges; latency is that of the events stamped inside it.
 */
final class MeasurementRunner {

    private static final Duration SETTLE = Duration.ofSeconds(1);
    private static final Duration SETTLE_TIMEOUT = Duration.ofSeconds(15);

    private final MicroClock clock;
    private final CpuMeter cpu;
    private final JitActivity jit;
    private final ProcessMemory memory;
    private final ProgressLine progress;
    private final Duration drainTimeout;
    private final long maxInFlight;
    private final String runKey;
    private final AtomicInteger measurements = new AtomicInteger();

    MeasurementRunner(MicroClock clock, CpuMeter cpu, JitActivity jit, ProcessMemory memory, ProgressLine progress,
                      Duration drainTimeout, long maxInFlight, String runKey) {
        this.clock = clock;
        this.cpu = cpu;
        this.jit = jit;
        this.memory = memory;
        this.progress = progress;
        this.drainTimeout = drainTimeout;
        this.maxInFlight = maxInFlight;
        this.runKey = runKey;
    }

    Measurement run(MeasurementPlan plan, String system, EventDriver driver, SystemCounters counters) throws InterruptedException {
        String prefix = "evt_" + runKey + "_m" + measurements.incrementAndGet();
        ScenarioEndpoints endpoints = plan.endpoints();
        DeliveryTally tally = new DeliveryTally(prefix, endpoints.endpoints(), endpoints.workspaces());
        for (Endpoint endpoint : endpoints.endpoints()) {
            endpoint.tally(tally);
            endpoint.applyKind(plan.hang());
        }
        Workload workload = plan.workload().apply(prefix);
        long routedAtStart = counters.routedDeliveries().getAsLong();
        LongSupplier completed = plan.routedOnly()
                ? () -> counters.routedDeliveries().getAsLong() - routedAtStart
                : tally::firstArrivals;
        Pacing pacing = plan.rate() > 0 ? new Pacing.FixedRate(plan.rate()) : new Pacing.FlatOut(maxInFlight, completed);

        String label = plan.scenario() + "/" + system;
        // At most three warm-ups: long enough for C2 to catch up after a saturating scenario, short for quick runs.
        Duration jitWait = jit.awaitQuiet(plan.warmup().multipliedBy(3));
        if (jitWait.toSeconds() >= 5) {
            progress.println(String.format(Locale.ROOT, "[%s] waited %d s for the JIT compiler to catch up", label,
                    jitWait.toSeconds()));
        }
        long startedNanos = System.nanoTime();
        Phase phase = new Phase();
        EventDriver.Run run = driver.start(workload, pacing);
        progress.start(() -> status(label, phase, startedNanos, plan, run, completed, workload.fanout(), tally));

        Edge start;
        Edge end;
        long peakRss;
        EventDriver.Totals totals;
        try {
            Thread.sleep(plan.warmup().toMillis());
            memory.resetPeak();
            start = edge(run, counters, tally, true);
            phase.name = "measuring";
            Thread.sleep(plan.duration().toMillis());
            end = edge(run, counters, tally, false);
            peakRss = memory.peakMiB();
            totals = run.stop();
        } catch (RuntimeException | InterruptedException e) {
            run.abort();
            progress.stop();
            throw e;
        }

        endpoints.endpoints().forEach(endpoint -> endpoint.reply(Reply.OK));
        phase.name = "draining";
        long expected = totals.acknowledged() * workload.fanout();
        long drainStarted = System.nanoTime();
        long drainDeadline = drainStarted + drainTimeout.toNanos();
        while (completed.getAsLong() < expected && System.nanoTime() < drainDeadline) {
            Thread.sleep(50);
        }
        double drainSeconds = (System.nanoTime() - drainStarted) / 1e9;
        phase.name = "settling";
        settle(counters.deliveryAttempts());
        progress.stop();
        return measurement(plan, system, endpoints, workload.fanout(), tally, totals, expected, completed.getAsLong(),
                start, end, peakRss, drainSeconds);
    }

    private Edge edge(EventDriver.Run run, SystemCounters counters, DeliveryTally tally, boolean open) {
        long now = clock.nowMicros();
        if (open) {
            tally.openWindow(now);
        } else {
            tally.closeWindow(now);
        }
        return new Edge(System.nanoTime(), run.sent(), counters.routedDeliveries().getAsLong(),
                counters.deliveryAttempts().getAsLong(), cpu.read());
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

    private Measurement measurement(MeasurementPlan plan, String system, ScenarioEndpoints endpoints, int fanout,
                                    DeliveryTally tally, EventDriver.Totals totals, long expected, long completed,
                                    Edge start, Edge end, long peakRss, double drainSeconds) {
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        long allInWindow = 0;
        for (EndpointKind kind : EndpointKind.values()) {
            boolean present = endpoints.endpoints().stream().anyMatch(endpoint -> endpoint.kind() == kind);
            if (present && !plan.routedOnly()) {
                latency.put(kind.name().toLowerCase(Locale.ROOT), LatencySummary.ofMicros(tally.total(kind)));
            }
            allInWindow += tally.arrivalsInWindow(kind);
        }
        long healthyInWindow = tally.arrivalsInWindow(EndpointKind.HEALTHY);
        if (plan.routedOnly()) {
            allInWindow = end.routed() - start.routed();
            healthyInWindow = allInWindow;
        }
        List<String> notes = new ArrayList<>();
        if (totals.failed() > 0) {
            notes.add(totals.failed() + " events were refused by the broker");
        }
        if (completed < expected) {
            notes.add((expected - completed) + " deliveries had not arrived " + drainTimeout.toSeconds()
                    + " s after sending stopped");
        }
        return new Measurement(plan.scenario(), system, endpoints.endpoints().size(), fanout, plan.rate(),
                round(seconds), totals.sent(), expected, completed, tally.duplicates(), Math.max(0, expected - completed),
                round((end.sent() - start.sent()) / seconds), round(allInWindow / seconds), round(healthyInWindow / seconds),
                latency, perSecond(start.routed(), end.routed(), seconds, fanout), perSecond(start.attempts(), end.attempts(), seconds, 1),
                cpu.between(start.cpu(), end.cpu()), peakRss, round(drainSeconds), notes);
    }

    private static Double perSecond(long from, long to, double seconds, int per) {
        if (from == SystemCounters.UNKNOWN || to == SystemCounters.UNKNOWN) {
            return null;
        }
        return round((to - from) / seconds / per);
    }

    private String status(String label, Phase phase, long startedNanos, MeasurementPlan plan, EventDriver.Run run,
                          LongSupplier completed, int fanout, DeliveryTally tally) {
        long elapsed = (System.nanoTime() - startedNanos) / 1_000_000_000L;
        long total = plan.warmup().plus(plan.duration()).toSeconds();
        long sent = run.sent();
        long done = completed.getAsLong();
        Histogram interval = tally.interval(EndpointKind.HEALTHY);
        return String.format(Locale.ROOT, "[%s] %s %d/%d s  sent %,d  delivered %,d  backlog %,d  p99 %s  cpu %.0f%%",
                label, phase.name, Math.min(elapsed, total), total, sent, done, Math.max(0, sent * fanout - done),
                interval.getTotalCount() == 0 ? "-" : String.format(Locale.ROOT, "%.1f ms", interval.getValueAtPercentile(99) / 1000.0),
                cpu.processPercentSinceLastCall());
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private static final class Phase {
        private volatile String name = "warm-up";
    }

    private record Edge(long nanos, long sent, long routed, long attempts, CpuMeter.Reading cpu) {
    }
}
