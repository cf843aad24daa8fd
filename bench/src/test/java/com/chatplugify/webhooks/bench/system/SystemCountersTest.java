package com.chatplugify.webhooks.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class SystemCountersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldSumTheCountersOfEachNameIncludingThoseRegisteredAfterTheCountersWereMade() {
        registry.counter(WebhookMetrics.DELIVERIES_ROUTED, "guarantee", "exactly_once_v2").increment(3);
        SystemCounters counters = SystemCounters.of(registry);
        registry.counter(WebhookMetrics.DELIVERIES_ROUTED, "guarantee", "at_least_once").increment(4);
        registry.counter(WebhookMetrics.DELIVERY_ATTEMPTS, "outcome", "delivered", "status_class", "2xx").increment(5);
        registry.counter(WebhookMetrics.DELIVERY_ATTEMPTS, "outcome", "failed", "status_class", "none").increment(2);
        registry.counter(WebhookMetrics.DELIVERY_ATTEMPTS, "outcome", "failed", "status_class", "5xx").increment(1);

        assertThat(counters.routedDeliveries().getAsLong()).isEqualTo(7);
        assertThat(counters.deliveryAttempts().getAsLong()).isEqualTo(8);
        assertThat(counters.attemptsWithoutStatus().getAsLong()).isEqualTo(2);
    }

    @Test
    void shouldAddTheQueuedAndInFlightGaugesIntoTheDeliveriesHeld() {
        AtomicInteger queued = registry.gauge(WebhookMetrics.DELIVERIES_QUEUED, new AtomicInteger(6));
        registry.gauge(WebhookMetrics.DELIVERIES_IN_FLIGHT, new AtomicInteger(4));
        SystemCounters counters = SystemCounters.of(registry);

        assertThat(counters.deliveriesHeld().getAsLong()).isEqualTo(10);
        queued.set(1);
        assertThat(counters.deliveriesHeld().getAsLong()).isEqualTo(5);
    }

    @Test
    void shouldAnswerUnknownForWhatAClusterDoesNotTell() {
        SystemCounters counters = SystemCounters.routedAndAttempted(() -> 1, () -> 2);

        assertThat(counters.attemptsWithoutStatus().getAsLong()).isEqualTo(SystemCounters.UNKNOWN);
        assertThat(counters.deliveriesHeld().getAsLong()).isEqualTo(SystemCounters.UNKNOWN);
    }
}
