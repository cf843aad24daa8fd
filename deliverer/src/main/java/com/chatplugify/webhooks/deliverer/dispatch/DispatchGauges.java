package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.Locale;

/**
 * The dispatcher's gauges: attempts in flight, deliveries queued and what they wait for, endpoints by standing and
 * by what holds them back, open circuits. All but the first two come from the last review of the endpoints.
 */
public final class DispatchGauges implements MeterBinder {

    private final EndpointDispatcher dispatcher;

    public DispatchGauges(EndpointDispatcher dispatcher) {
        this.dispatcher = dispatcher;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(WebhookMetrics.DELIVERIES_IN_FLIGHT, dispatcher::inFlight).register(registry);
        Gauge.builder(WebhookMetrics.DELIVERIES_QUEUED, dispatcher::queued).register(registry);
        Gauge.builder(WebhookMetrics.CIRCUIT_BREAKERS_OPEN, () -> dispatcher.state().openBreakers()).register(registry);
        for (Endpoint.Wait wait : Endpoint.Wait.values()) {
            Gauge.builder(WebhookMetrics.DELIVERIES_WAITING, () -> dispatcher.state().waiting(wait))
                    .tag("reason", code(wait)).register(registry);
            Gauge.builder(WebhookMetrics.ENDPOINTS_THROTTLED, () -> dispatcher.state().throttled(wait))
                    .tag("reason", code(wait)).register(registry);
        }
        for (Endpoint.Standing standing : Endpoint.Standing.values()) {
            Gauge.builder(WebhookMetrics.ENDPOINTS, () -> dispatcher.state().endpoints(standing))
                    .tag("standing", standing.name().toLowerCase(Locale.ROOT)).register(registry);
        }
    }

    /** The {@code reason} tag of a wait. */
    static String code(Endpoint.Wait wait) {
        return switch (wait) {
            case CONCURRENCY -> "endpoint_concurrency";
            case RATE_LIMIT -> "endpoint_rate_limit";
            case INSTANCE_SLOTS -> "instance_slots";
            case RETRY_IN_PLACE -> "retry_in_place";
        };
    }
}
