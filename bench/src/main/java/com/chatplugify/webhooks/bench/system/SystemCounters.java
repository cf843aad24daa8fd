package com.chatplugify.webhooks.bench.system;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.LongSupplier;

/**
 * The system's own counts the bench reads: deliveries the router fanned out, HTTP attempts the deliverer made (and
 * those without an HTTP status: refused connections, timeouts), and deliveries the deliverer holds in memory. A
 * supplier answers {@link #UNKNOWN} when the system does not tell.
 */
public record SystemCounters(LongSupplier routedDeliveries, LongSupplier deliveryAttempts,
                             LongSupplier attemptsWithoutStatus, LongSupplier deliveriesHeld) {

    public static final long UNKNOWN = -1;
    private static final LongSupplier UNKNOWN_SUPPLIER = () -> UNKNOWN;

    /**
     * Read from the meter registry of an in-process system, through meters found once: the flat-out driver reads the
     * routed count before every event of the router scenario, which a search of the registry per read would slow.
     */
    public static SystemCounters of(MeterRegistry registry) {
        LongSupplier held = MeterSum.of(registry, WebhookMetrics.DELIVERIES_QUEUED, id -> true)
                .plus(MeterSum.of(registry, WebhookMetrics.DELIVERIES_IN_FLIGHT, id -> true));
        return new SystemCounters(MeterSum.of(registry, WebhookMetrics.DELIVERIES_ROUTED, id -> true),
                MeterSum.of(registry, WebhookMetrics.DELIVERY_ATTEMPTS, id -> true),
                MeterSum.of(registry, WebhookMetrics.DELIVERY_ATTEMPTS,
                        id -> "failed".equals(id.getTag("outcome")) && "none".equals(id.getTag("status_class"))),
                held);
    }

    /** Routed deliveries and attempts alone, e.g. of a cluster whose other meters the bench does not read. */
    public static SystemCounters routedAndAttempted(LongSupplier routed, LongSupplier attempts) {
        return new SystemCounters(routed, attempts, UNKNOWN_SUPPLIER, UNKNOWN_SUPPLIER);
    }

    /** The same routing count with another deliverer's attempts, e.g. a baseline's. */
    public SystemCounters withDeliverer(LongSupplier attempts, LongSupplier withoutStatus) {
        return new SystemCounters(routedDeliveries, attempts, withoutStatus, UNKNOWN_SUPPLIER);
    }
}
