package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.drive.EventDriver;
import com.chatplugify.webhooks.bench.measure.CpuMeter;
import com.chatplugify.webhooks.bench.measure.CpuUsage;
import com.chatplugify.webhooks.bench.measure.PeakSampler;
import com.chatplugify.webhooks.bench.measure.ProfileSummary;
import com.chatplugify.webhooks.bench.receiver.DeliveryTally;
import com.chatplugify.webhooks.bench.receiver.EndpointKind;
import com.chatplugify.webhooks.bench.report.LatencySummary;
import com.chatplugify.webhooks.bench.report.Measurement;
import com.chatplugify.webhooks.bench.system.SystemCounters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Turns what a measurement read at its window's edges, and what the receiver tallied, into its figures. */
final class MeasurementFigures {

    /** Compilation worth a note: a second of compiler time inside the window. */
    private static final long JIT_NOTE_MILLIS = 1_000;
    /** A wait for the JIT compiler worth a note: longer than the two quiet seconds it always takes. */
    private static final Duration NOTED_JIT_WAIT = Duration.ofSeconds(5);

    /** What is read at an edge of the window. */
    record Edge(long nanos, long sent, long routed, long attempts, long attemptsWithoutStatus, CpuMeter.Reading cpu,
                long jitMillis) {
    }

    /** How long the load ran before the window, and whether the wait for the JIT compiler ran out while it was busy. */
    record WarmUp(Duration length, boolean jitStillBusy) {
    }

    /**
     * The window: its two edges, the warm-up before it, and what was sampled inside it; {@code profile} is null
     * without profiling.
     */
    record Window(Edge start, Edge end, WarmUp warmUp, EventDriver.Totals totals, long peakRssMiB,
                  PeakSampler.Peaks peaks, ProfileSummary profile) {
    }

    private final MeasurementPlan plan;
    private final String system;
    private final DeliveryTally tally;
    private final Window window;
    private final CpuMeter cpu;
    private final Duration drainTimeout;

    MeasurementFigures(MeasurementPlan plan, String system, DeliveryTally tally, Window window, CpuMeter cpu,
                       Duration drainTimeout) {
        this.plan = plan;
        this.system = system;
        this.tally = tally;
        this.window = window;
        this.cpu = cpu;
        this.drainTimeout = drainTimeout;
    }

    Measurement measurement(int fanout, long expected, long completed, double drainSeconds) {
        Edge start = window.start();
        Edge end = window.end();
        double seconds = (end.nanos() - start.nanos()) / 1e9;
        boolean routedOnly = plan.completion() instanceof MeasurementPlan.Routed;
        Map<String, LatencySummary> latency = new LinkedHashMap<>();
        long allInWindow = 0;
        for (EndpointKind kind : EndpointKind.values()) {
            boolean present = plan.endpoints().endpoints().stream().anyMatch(endpoint -> endpoint.kind() == kind);
            if (present && kind.reachable() && !routedOnly) {
                latency.put(kind.name().toLowerCase(Locale.ROOT), LatencySummary.ofMicros(tally.total(kind)));
            }
            allInWindow += tally.arrivalsInWindow(kind);
        }
        long healthyInWindow = tally.arrivalsInWindow(EndpointKind.HEALTHY);
        if (routedOnly) {
            allInWindow = end.routed() - start.routed();
            healthyInWindow = allInWindow;
        }
        List<String> notes = new ArrayList<>();
        WarmUp warmUp = window.warmUp();
        if (warmUp.jitStillBusy()) {
            notes.add("the JIT compiler was still busy after " + warmUp.length().toSeconds() + " s of warm-up");
        } else if (warmUp.length().compareTo(plan.warmup().plus(NOTED_JIT_WAIT)) >= 0) {
            notes.add("warmed up " + warmUp.length().toSeconds() + " s, until the JIT compiler was quiet");
        }
        if (start.jitMillis() >= 0 && end.jitMillis() - start.jitMillis() >= JIT_NOTE_MILLIS) {
            notes.add(String.format(Locale.ROOT, "the JIT compiler worked %.1f s in the window",
                    (end.jitMillis() - start.jitMillis()) / 1000.0));
        }
        if (window.totals().failed() > 0) {
            notes.add(window.totals().failed() + " events were refused by the broker");
        }
        if (completed < expected) {
            notes.add((expected - completed) + " deliveries had not arrived " + drainTimeout.toSeconds()
                    + " s after sending stopped");
        }
        double deliveriesPerSecond = round(allInWindow / seconds);
        CpuUsage usage = cpu.between(start.cpu(), end.cpu());
        long held = window.peaks().deliveriesHeld();
        return new Measurement(plan.scenario(), system, plan.endpoints().endpoints().size(), fanout, plan.rate(),
                plan.rate() > 0 ? 0 : plan.maxInFlight(), round(seconds), window.totals().sent(), expected, completed,
                tally.duplicates(), tally.outOfOrder(), Math.max(0, expected - completed),
                round((end.sent() - start.sent()) / seconds), deliveriesPerSecond, round(healthyInWindow / seconds), latency,
                perSecond(start.routed(), end.routed(), seconds, fanout), perSecond(start.attempts(), end.attempts(), seconds, 1),
                perSecond(start.attemptsWithoutStatus(), end.attemptsWithoutStatus(), seconds, 1), usage,
                CpuUsage.microsPerDelivery(usage.system(), deliveriesPerSecond),
                usage.machineBusy() == null ? null : CpuUsage.microsPerDelivery(usage.machineBusy(), deliveriesPerSecond),
                window.peakRssMiB(), window.peaks().heapUsedMiB(), held < 0 ? null : held, round(drainSeconds),
                window.profile(), notes);
    }

    private static Double perSecond(long from, long to, double seconds, int per) {
        if (from == SystemCounters.UNKNOWN || to == SystemCounters.UNKNOWN) {
            return null;
        }
        return round((to - from) / seconds / per);
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
