package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.metrics.MetricDescriptions;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The router's own counters; their tags take a bounded set of values (event types, violation codes). */
public final class RouterMetrics {

    private final MeterRegistry registry;
    private final Counter unmatched;
    private final Counter unknownDeleted;
    private final Counter rekeyed;
    private final Map<String, Counter> routed = new ConcurrentHashMap<>();
    private final Map<String, Counter> invalidEvents = new ConcurrentHashMap<>();
    private final Map<String, Counter> invalidSubscriptions = new ConcurrentHashMap<>();

    public RouterMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.unmatched = Counter.builder(WebhookMetrics.EVENTS_UNMATCHED)
                .description("Events of a workspace that no webhook subscribes to").register(registry);
        this.unknownDeleted = Counter.builder(WebhookMetrics.SUBSCRIPTIONS_UNKNOWN_DELETED)
                .description(MetricDescriptions.of(WebhookMetrics.SUBSCRIPTIONS_UNKNOWN_DELETED)).register(registry);
        this.rekeyed = Counter.builder(WebhookMetrics.EVENTS_REKEYED)
                .description(MetricDescriptions.of(WebhookMetrics.EVENTS_REKEYED)).register(registry);
        // Every known label value exists at zero from the start, so that rate() and increase() count the first one.
        EventTypes.DOMAIN.forEach(type -> routed(type, 0));
        Violation.REASONS.forEach(reason -> {
            invalidEvent(reason, 0);
            invalidSubscription(reason, 0);
        });
    }

    /** An event written under a key other than its workspace id, moved to its workspace's partition. */
    void rekeyed() {
        rekeyed.increment();
    }

    void routed(String eventType, int deliveries) {
        routed.computeIfAbsent(eventType, type -> Counter.builder(WebhookMetrics.DELIVERIES_ROUTED)
                .description("Deliveries the router fanned out").tag("event", type).register(registry))
                .increment(deliveries);
    }

    void unmatched() {
        unmatched.increment();
    }

    void unknownDeleted() {
        unknownDeleted.increment();
    }

    /** Counts an input record sent to {@code chatplugify.events.invalid}. */
    public void invalidEvent(String reason) {
        invalidEvent(reason, 1);
    }

    /** Counts an input record sent to {@code chatplugify.subscriptions.invalid}. */
    public void invalidSubscription(String reason) {
        invalidSubscription(reason, 1);
    }

    private void invalidEvent(String reason, int records) {
        invalidEvents.computeIfAbsent(reason, r -> Counter.builder(WebhookMetrics.EVENTS_INVALID)
                .description("Records refused by the API or sent to the invalid-events topic").tag("reason", r)
                .register(registry)).increment(records);
    }

    private void invalidSubscription(String reason, int records) {
        invalidSubscriptions.computeIfAbsent(reason, r -> Counter.builder(WebhookMetrics.SUBSCRIPTIONS_INVALID)
                .description("Subscription records sent to the invalid-subscriptions topic").tag("reason", r)
                .register(registry)).increment(records);
    }
}
