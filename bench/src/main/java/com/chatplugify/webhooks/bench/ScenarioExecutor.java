package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.drive.BenchEvents;
import com.chatplugify.webhooks.bench.load.ApiLoad;
import com.chatplugify.webhooks.bench.measure.ProgressLine;
import com.chatplugify.webhooks.bench.receiver.EndpointKind;
import com.chatplugify.webhooks.bench.report.ApiResult;
import com.chatplugify.webhooks.bench.report.Measurement;
import com.chatplugify.webhooks.bench.report.SweepResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/** Turns a scenario into endpoints and measurements on one system, as its description in {@link Scenario} says. */
final class ScenarioExecutor {

    private static final Duration SWEEP_WARMUP = Duration.ofSeconds(5);
    private static final double KEEPS_UP = 0.95;

    private final BenchSettings settings;
    private final EndpointPreparer preparer;
    private final MeasurementRunner runner;
    private final ProgressLine progress;

    ScenarioExecutor(BenchSettings settings, EndpointPreparer preparer, MeasurementRunner runner, ProgressLine progress) {
        this.settings = settings;
        this.preparer = preparer;
        this.runner = runner;
        this.progress = progress;
    }

    /** Measures a scenario other than the sweep and the API. */
    Measurement measure(Scenario scenario, SystemSession session) throws InterruptedException {
        int fanout = switch (scenario) {
            case FANOUT -> settings.fanout();
            case ROUTER -> settings.routerFanout();
            default -> 1;
        };
        List<EndpointKind> kinds = kinds(scenario, fanout);
        ScenarioEndpoints endpoints = preparer.prepare(session.system(), session.driver().producer(),
                scenario.label() + "-" + session.name(), kinds, fanout, session.delivers());
        boolean flatOut = scenario == Scenario.THROUGHPUT || scenario == Scenario.DELIVERER || scenario == Scenario.ROUTER;
        // Fan-out sends rate ÷ fanout events a second: as many deliveries a second as the healthy scenario, so the
        // two compare, rather than ten times as many, which overloads the machine and leaves a backlog for the next.
        MeasurementPlan plan = new MeasurementPlan(scenario.label(), endpoints,
                scenario == Scenario.DELIVERER
                        ? prefix -> BenchEvents.toDeliveries(prefix, endpoints.webhookIds(), endpoints.workspaceOfEachEndpoint())
                        : prefix -> BenchEvents.toEvents(prefix, endpoints.workspaceIds(), endpoints.fanout()),
                flatOut ? 0 : settings.rate() / fanout, settings.warmup(), settings.duration(), settings.hang(),
                !session.delivers());
        return report(runner.run(plan, session.name(), session.driver(), session.counters()));
    }

    /**
     * Runs the healthy scenario once without recording it, so that the JIT compiler has seen the hot paths under load
     * before the first measurement.
     */
    void warmUp(SystemSession session) throws InterruptedException {
        ScenarioEndpoints endpoints = preparer.prepare(session.system(), session.driver().producer(),
                "warm-up-" + session.name(), kinds(Scenario.HEALTHY, 1), 1, session.delivers());
        progress.println("[warm-up/" + session.name() + "] the healthy scenario once, not measured ...");
        runner.run(new MeasurementPlan("warm-up", endpoints,
                prefix -> BenchEvents.toEvents(prefix, endpoints.workspaceIds(), 1), settings.rate(), settings.warmup(),
                settings.duration(), settings.hang(), !session.delivers()), session.name(), session.driver(),
                session.counters());
    }

    /** Steps the rate up until a step misses the latency goal; every step's measurement is added to {@code steps}. */
    SweepResult sweep(SystemSession session, List<Measurement> measured) throws InterruptedException {
        ScenarioEndpoints endpoints = preparer.prepare(session.system(), session.driver().producer(),
                "sweep-" + session.name(), kinds(Scenario.SWEEP, 1), 1, true);
        double goalMs = settings.latencyGoal().toNanos() / 1e6;
        List<SweepResult.Step> steps = new ArrayList<>();
        double highest = 0;
        for (double rate : settings.sweepRates()) {
            MeasurementPlan plan = new MeasurementPlan(String.format(Locale.ROOT, "sweep@%.0f", rate), endpoints,
                    prefix -> BenchEvents.toEvents(prefix, endpoints.workspaceIds(), 1), rate,
                    min(settings.warmup(), SWEEP_WARMUP), settings.sweepStepDuration(), settings.hang(), false);
            Measurement step = report(runner.run(plan, session.name(), session.driver(), session.counters()));
            measured.add(step);
            double p99 = step.healthyLatency().p99();
            boolean passed = step.healthyLatency().count() > 0 && p99 <= goalMs
                    && step.deliveriesPerSecond() >= KEEPS_UP * rate && step.lost() == 0;
            steps.add(new SweepResult.Step(rate, p99, step.deliveriesPerSecond(), step.lost(), passed));
            if (!passed) {
                break;
            }
            highest = rate;
        }
        return new SweepResult(session.name(), goalMs, steps, highest);
    }

    /** {@code POST /v1/events} one at a time, then in batches. */
    List<ApiResult> api(SystemSession session, String workspaceId) throws InterruptedException {
        ApiLoad load = new ApiLoad(session.system().apiUrl(), session.system().apiToken());
        List<ApiResult> results = new ArrayList<>();
        for (int eventsPerRequest : List.of(1, settings.apiBatchSize())) {
            int concurrency = eventsPerRequest == 1 ? settings.apiConcurrency() : Math.max(1, settings.apiConcurrency() / 8);
            progress.println(String.format(Locale.ROOT, "[api/%s] %d clients, %d event(s) a request ...", session.name(),
                    concurrency, eventsPerRequest));
            ApiResult result = load.run(concurrency, eventsPerRequest, workspaceId, settings.warmup(), settings.duration());
            progress.println(String.format(Locale.ROOT, "[api/%s] %s: %,.0f requests/s, %,.0f events/s, p99 %.1f ms%s",
                    session.name(), result.call(), result.requestsPerSecond(), result.eventsPerSecond(), result.latency().p99(),
                    result.note() == null ? "" : " (" + result.note() + ")"));
            results.add(result);
        }
        return results;
    }

    private List<EndpointKind> kinds(Scenario scenario, int fanout) {
        int count = Math.max(fanout, settings.endpoints() / fanout * fanout);
        List<EndpointKind> kinds = new ArrayList<>(Collections.nCopies(count, EndpointKind.HEALTHY));
        if (scenario == Scenario.HUNG) {
            kinds.set(0, EndpointKind.HUNG);
        } else if (scenario == Scenario.FAILING) {
            int percent = settings.failingPercent();
            for (int slot = 0; slot < count; slot++) {
                // Spreads the failing endpoints evenly: slot s fails when s crosses the next multiple of 100/percent.
                if ((slot + 1) * percent / 100 > slot * percent / 100) {
                    kinds.set(slot, EndpointKind.FAILING);
                }
            }
        }
        return kinds;
    }

    private Measurement report(Measurement measurement) {
        progress.println(String.format(Locale.ROOT,
                "[%s/%s] %,.0f deliveries/s (healthy %,.0f/s), p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms, lost %d%s",
                measurement.scenario(), measurement.system(), measurement.deliveriesPerSecond(),
                measurement.healthyDeliveriesPerSecond(), measurement.healthyLatency().p50(), measurement.healthyLatency().p99(),
                measurement.healthyLatency().p999(), measurement.lost(),
                measurement.routerEventsPerSecond() == null ? "" : String.format(Locale.ROOT, ", router %,.0f events/s",
                        measurement.routerEventsPerSecond())));
        return measurement;
    }

    private static Duration min(Duration a, Duration b) {
        return a.compareTo(b) <= 0 ? a : b;
    }
}
