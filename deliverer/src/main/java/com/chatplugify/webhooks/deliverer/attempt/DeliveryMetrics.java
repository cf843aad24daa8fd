package com.chatplugify.webhooks.deliverer.attempt;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/** The deliverer's meters; every tag is low-cardinality (no webhook ids). */
public final class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Timer attemptLatency;
    private final Timer endToEnd;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.attemptLatency = WebhookMetrics.latencyTimer(registry, WebhookMetrics.DELIVERY_ATTEMPT,
                "One HTTP attempt, request sent to response read");
        this.endToEnd = WebhookMetrics.latencyTimer(registry, WebhookMetrics.DELIVERY_END_TO_END,
                "Event timestamp to the 2xx that delivered it");
    }

    /** @param outcome {@code delivered}, {@code failed}, {@code gone} or {@code refused} */
    public void attempted(String outcome, int status, Duration latency) {
        counter(WebhookMetrics.DELIVERY_ATTEMPTS, "outcome", outcome, "status_class", statusClass(status)).increment();
        attemptLatency.record(latency);
    }

    public void delivered(Duration sinceEvent) {
        endToEnd.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    public void retryScheduled(int tier) {
        counter(WebhookMetrics.RETRIES_SCHEDULED, "tier", Integer.toString(tier)).increment();
    }

    public void deadLettered(String reason) {
        counter(WebhookMetrics.DEAD_LETTERED, "reason", reason).increment();
    }

    public void deferred(String reason) {
        counter(WebhookMetrics.DELIVERIES_DEFERRED, "reason", reason).increment();
    }

    public void dropped(String reason) {
        counter(WebhookMetrics.DELIVERIES_DROPPED, "reason", reason).increment();
    }

    /** Registers the gauges of the delivery engine: attempts in flight, records held, open circuit breakers. */
    public void gauges(Supplier<Number> inFlight, Supplier<Number> buffered, Supplier<Number> openBreakers) {
        Gauge.builder(WebhookMetrics.DELIVERY_IN_FLIGHT, inFlight).description("HTTP attempts in flight")
                .register(registry);
        Gauge.builder(WebhookMetrics.DELIVERY_BUFFERED, buffered)
                .description("Deliveries held in memory, queued for their endpoint or in flight").register(registry);
        Gauge.builder(WebhookMetrics.CIRCUIT_BREAKERS_OPEN, openBreakers)
                .description("Endpoints whose circuit breaker is open or half-open").register(registry);
    }

    static String statusClass(int status) {
        return status <= 0 ? "none" : (status / 100) + "xx";
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags), key -> registry.counter(name, tags));
    }
}
