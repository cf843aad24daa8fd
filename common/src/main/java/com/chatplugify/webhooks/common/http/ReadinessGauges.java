package com.chatplugify.webhooks.common.http;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import com.chatplugify.webhooks.common.metrics.MetricDescriptions;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Exports the readiness checks as gauges {@code webhook.ready{check}}: 1 while a check passed when last run, 0 when it
 * failed (or has not run yet), so that an alert sees what {@code /ready} says even when nothing probes it. The checks
 * run here on a schedule, never when scraped: a scrape must not wait for the Kafka probe, which takes its whole
 * timeout when the brokers do not answer.
 */
public final class ReadinessGauges implements AutoCloseable {

    /** How often the checks run: as often as the Kubernetes readiness probe of deploy/k8s asks. */
    public static final Duration INTERVAL = Duration.ofSeconds(5);

    private final HealthChecks health;
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("readiness-gauges"));
    private volatile Map<String, HealthChecks.Status> lastRun = Map.of();

    public ReadinessGauges(HealthChecks health) {
        this.health = health;
    }

    /** Registers a gauge for each check {@code health} has now: call it once every role has added its own. */
    public ReadinessGauges bindTo(MeterRegistry registry) {
        for (String check : health.readinessNames()) {
            Gauge.builder(WebhookMetrics.READY, this, gauges -> gauges.passed(check) ? 1 : 0)
                    .tag("check", check)
                    .description(MetricDescriptions.of(WebhookMetrics.READY))
                    .register(registry);
        }
        return this;
    }

    /** Runs the checks now and then every {@code interval}. */
    public ReadinessGauges start(Duration interval) {
        timer.scheduleWithFixedDelay(this::run, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
        return this;
    }

    /** Runs the checks once; the gauges show the results until the next run. */
    void run() {
        lastRun = health.readiness().checks();
    }

    private boolean passed(String check) {
        HealthChecks.Status status = lastRun.get(check);
        return status != null && status.ok();
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
