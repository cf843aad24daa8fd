package com.chatplugify.webhooks.common.operations;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;

/** Counts the operational events a role writes, by type, and the webhooks disabled, by reason; all from zero. */
public final class OperationalEventMetrics {

    private final MeterRegistry registry;

    /** @param disableReasons the reasons known in advance, whose counters exist at 0 from start-up */
    public OperationalEventMetrics(MeterRegistry registry, List<String> types, List<String> disableReasons) {
        this.registry = registry;
        types.forEach(this::counter);
        disableReasons.forEach(this::disabledCounter);
    }

    /** One event of {@code type} written (committed). */
    public void written(OperationalEvent event) {
        counter(event.event()).increment();
        if (OperationalEvent.WEBHOOK_DISABLED.equals(event.event())) {
            disabledCounter(String.valueOf(event.data().get("reason"))).increment();
        }
    }

    private Counter counter(String type) {
        return Counter.builder(WebhookMetrics.OPERATIONAL_EVENTS).tag("event", type).register(registry);
    }

    private Counter disabledCounter(String reason) {
        return Counter.builder(WebhookMetrics.WEBHOOKS_DISABLED).tag("reason", reason).register(registry);
    }
}
