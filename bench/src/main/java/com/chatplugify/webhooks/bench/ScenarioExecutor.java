package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.drive.BenchEvents;
import com.chatplugify.webhooks.bench.drive.EvenSplit;
import com.chatplugify.webhooks.bench.drive.Workload;
import com.chatplugify.webhooks.bench.load.ApiLoad;
import com.chatplugify.webhooks.bench.measure.ProgressLine;
import com.chatplugify.webhooks.bench.receiver.EndpointKind;
import com.chatplugify.webhooks.bench.report.ApiResult;
import com.chatplugify.webhooks.bench.report.Measurement;
import com.chatplugify.webhooks.bench.report.SweepResult;
import com.chatplugify.webhooks.bench.system.WebhookRegistrar;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/** Turns a scenario into endpoints and measurements on one system, as its description in {@link Scenario} says. */
final class ScenarioExecutor {

    private static final Duration SWEEP_WARMUP = Duration.ofSeconds(5);
    private static final double KEEPS_UP = 0.95;
    /**
     * Deliveries outstanding at most for the FIFO webhook flat out: enough to keep its queue from running dry, well
     * under what one FIFO webhook may hold ({@code delivery.max-queued-per-endpoint}), beyond which it dead-letters.
     */
    private static final long FIFO_IN_FLIGHT = 50;

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

    /** Measures a scenario other than the sweep, the API and FIFO. */
    Measurement measure(Scenario scenario, SystemSession session) throws InterruptedException {
        if (scenario == Scenario.CROWD) {
            return crowd(session);
        }
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
        MeasurementPlan plan = plan(scenario.label(), endpoints,
                scenario == Scenario.DELIVERER
                        ? prefix -> BenchEvents.toDeliveries(prefix, endpoints.webhookIds(), endpoints.workspaceOfEachEndpoint())
                        : prefix -> BenchEvents.toEvents(prefix, endpoints.workspaceIds(), endpoints.fanout()),
                flatOut ? 0 : settings.rate() / fanout, settings.warmup(), settings.duration(),
                session.delivers() ? new MeasurementPlan.EveryDelivery() : new MeasurementPlan.Routed());
        return report(runner.run(plan, session.name(), session.driver(), session.counters()));
    }

    /**
     * The healthy endpoints at the fixed rate beside a crowd of bad ones, each sent {@code crowdRate} events a second
     * on top; only the healthy deliveries are waited for. Once the window is over the crowd's webhooks are deleted,
     * so that their backlog of retries does not weigh on the next scenario.
     */
    private Measurement crowd(SystemSession session) throws InterruptedException {
        List<EndpointKind> kinds = new ArrayList<>(Collections.nCopies(settings.endpoints(), EndpointKind.HEALTHY));
        for (int bad = 0; bad < settings.crowd(); bad++) {
            kinds.add(settings.crowdKinds().get(bad % settings.crowdKinds().size()));
        }
        ScenarioEndpoints endpoints = preparer.prepare(session.system(), session.driver().producer(),
                Scenario.CROWD.label() + "-" + session.name(), kinds, 1, true);
        List<String> healthy = endpoints.workspaceIds().subList(0, settings.endpoints());
        List<String> crowd = endpoints.workspaceIds().subList(settings.endpoints(), kinds.size());
        double crowdRate = settings.crowd() * settings.crowdRate();
        // Weights in thousandths of an event a second, so that a fractional crowd rate keeps its share.
        EvenSplit split = new EvenSplit(Math.round(settings.rate() * 1000), Math.round(crowdRate * 1000));
        List<String> crowdWebhooks = endpoints.webhookIds().subList(settings.endpoints(), kinds.size());
        MeasurementPlan plan = new MeasurementPlan(Scenario.CROWD.label(), endpoints,
                prefix -> BenchEvents.toTwoGroups(prefix, healthy, crowd, split), settings.rate() + crowdRate,
                settings.maxInFlight(), settings.warmup(), settings.duration(), settings.replies(),
                new MeasurementPlan.HealthyDeliveries(split),
                () -> new WebhookRegistrar(session.system().apiUrl(), session.system().apiToken()).delete(crowdWebhooks));
        return report(runner.run(plan, session.name(), session.driver(), session.counters()));
    }

    /**
     * FIFO webhooks: {@code endpoints} of them at the fixed rate, then one alone flat out, the most a single FIFO
     * webhook takes a second (one delivery at a time); arrivals out of publish order are counted in both.
     */
    List<Measurement> fifo(SystemSession session) throws InterruptedException {
        List<Measurement> measured = new ArrayList<>();
        for (boolean one : List.of(false, true)) {
            String label = one ? Scenario.FIFO.label() + "-one" : Scenario.FIFO.label();
            ScenarioEndpoints endpoints = preparer.prepare(session.system(), session.driver().producer(),
                    label + "-" + session.name(), kinds(Scenario.HEALTHY, 1).subList(0, one ? 1 : settings.endpoints()), 1,
                    true, "fifo");
            MeasurementPlan plan = new MeasurementPlan(label, endpoints,
                    prefix -> BenchEvents.toEvents(prefix, endpoints.workspaceIds(), 1), one ? 0 : settings.rate(),
                    Math.min(settings.maxInFlight(), FIFO_IN_FLIGHT), settings.warmup(), settings.duration(),
                    settings.replies(), new MeasurementPlan.EveryDelivery(), () -> { });
            measured.add(report(runner.run(plan, session.name(), session.driver(), session.counters())));
        }
        return measured;
    }

    /**
     * Runs the healthy scenario once, then flat out once, without recording either, so that the JIT compiler has seen
     * the hot paths both at the rate and flat out before the first measurement. (After the healthy run alone, the
     * first flat-out window spent a third of its CPU compiling the HTTP client's and the broker's paths again.)
     */
    void warmUp(SystemSession session) throws InterruptedException {
        ScenarioEndpoints endpoints = preparer.prepare(session.system(), session.driver().producer(),
                "warm-up-" + session.name(), kinds(Scenario.HEALTHY, 1), 1, session.delivers());
        MeasurementPlan.Completion completion = session.delivers()
                ? new MeasurementPlan.EveryDelivery() : new MeasurementPlan.Routed();
        progress.println("[warm-up/" + session.name() + "] the healthy scenario, then flat out, not measured ...");
        for (double rate : List.of(settings.rate(), 0.0)) {
            runner.run(plan("warm-up", endpoints, prefix -> BenchEvents.toEvents(prefix, endpoints.workspaceIds(), 1),
                    rate, settings.warmup(), settings.duration(), completion),
                    session.name(), session.driver(), session.counters());
        }
    }

    private MeasurementPlan plan(String label, ScenarioEndpoints endpoints, Function<String, Workload> workload, double rate,
                                 Duration warmup, Duration duration, MeasurementPlan.Completion completion) {
        return new MeasurementPlan(label, endpoints, workload, rate, settings.maxInFlight(), warmup, duration,
                settings.replies(), completion, () -> { });
    }

    /** Steps the rate up until a step misses the latency goal; every step's measurement is added to {@code steps}. */
    SweepResult sweep(SystemSession session, List<Measurement> measured) throws InterruptedException {
        ScenarioEndpoints endpoints = preparer.prepare(session.system(), session.driver().producer(),
                "sweep-" + session.name(), kinds(Scenario.SWEEP, 1), 1, true);
        double goalMs = settings.latencyGoal().toNanos() / 1e6;
        List<SweepResult.Step> steps = new ArrayList<>();
        double highest = 0;
        for (double rate : settings.sweepRates()) {
            MeasurementPlan plan = plan(String.format(Locale.ROOT, "sweep@%.0f", rate), endpoints,
                    prefix -> BenchEvents.toEvents(prefix, endpoints.workspaceIds(), 1), rate,
                    min(settings.warmup(), SWEEP_WARMUP), settings.sweepStepDuration(), new MeasurementPlan.EveryDelivery());
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
