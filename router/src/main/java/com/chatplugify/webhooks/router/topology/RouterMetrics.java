package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** The router's own counters. */
public final class RouterMetrics {

    private final MeterRegistry registry;
    private final Counter unmatched;

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unmatched = Counter.builder(WebhookMetrics.EVENTS_UNMATCHED)
                .description("Events of a workspace that no webhook subscribes to").register(registry);
    }

    void routed(String eventType, int deliveries) {
        registry.counter(WebhookMetrics.DELIVERIES_ROUTED, "event", eventType).increment(deliveries);
    }

    void unmatched() {
        unmatched.increment();
    }

    void invalid(String reason) {
        registry.counter(WebhookMetrics.EVENTS_INVALID, "reason", reason).increment();
    }
}
