package com.chatplugify.webhooks.bench.system;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * The system's own counts the bench reads at the edges of a window: deliveries the router fanned out and HTTP
 * attempts the deliverer made. A supplier answers {@link #UNKNOWN} when the system does not tell.
 */
public record SystemCounters(LongSupplier routedDeliveries, LongSupplier deliveryAttempts) {

    public static final long UNKNOWN = -1;

    /** Read from the meter registry of an in-process system. */
    public static SystemCounters of(MeterRegistry registry) {
        return new SystemCounters(() -> sum(registry, WebhookMetrics.DELIVERIES_ROUTED),
                () -> sum(registry, WebhookMetrics.DELIVERY_ATTEMPTS));
    }

    /** The same routing count with another deliverer's attempts, e.g. the baseline's. */
    public SystemCounters withAttempts(LongSupplier attempts) {
        return new SystemCounters(routedDeliveries, attempts);
    }

    private static long sum(MeterRegistry registry, String name) {
        double total = 0;
        for (Counter counter : registry.find(name).counters()) {
            total += counter.count();
        }
        return (long) total;
    }
}
