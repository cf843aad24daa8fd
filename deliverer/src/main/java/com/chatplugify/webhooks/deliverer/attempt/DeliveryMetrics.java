package com.chatplugify.webhooks.deliverer.attempt;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** The deliverer's meters. */
public final class DeliveryMetrics {

    private final MeterRegistry registry;
    private final Timer attemptLatency;
    private final Timer endToEnd;

    public DeliveryMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.attemptLatency = WebhookMetrics.latencyTimer(registry, WebhookMetrics.DELIVERY_ATTEMPT,
                "One HTTP attempt, request sent to response read");
        this.endToEnd = WebhookMetrics.latencyTimer(registry, WebhookMetrics.DELIVERY_END_TO_END,
                "Event timestamp to the 2xx that delivered it");
    }

    public void attempted(String outcome, int status, Duration latency) {
        registry.counter(WebhookMetrics.DELIVERY_ATTEMPTS, "outcome", outcome, "status_class", statusClass(status))
                .increment();
        attemptLatency.record(latency);
    }

    public void delivered(Duration sinceEvent) {
        endToEnd.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
    }

    public void retryScheduled(int tier) {
        registry.counter(WebhookMetrics.RETRIES_SCHEDULED, "tier", Integer.toString(tier)).increment();
    }

    public void deadLettered(String reason) {
        registry.counter(WebhookMetrics.DEAD_LETTERED, "reason", reason).increment();
    }

    static String statusClass(int status) {
        return status <= 0 ? "none" : (status / 100) + "xx";
    }
}
