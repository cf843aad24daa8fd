package com.chatplugify.webhooks.router.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Violation;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class RouterMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldCreateTheCountersOfEveryReasonAndEventTypeAtZero() {
        RouterMetrics metrics = new RouterMetrics(registry);

        Violation.REASONS.forEach(reason -> {
            assertThat(count(WebhookMetrics.EVENTS_INVALID, "reason", reason)).isZero();
            assertThat(count(WebhookMetrics.SUBSCRIPTIONS_INVALID, "reason", reason)).isZero();
        });
        EventTypes.DOMAIN.forEach(type -> assertThat(count(WebhookMetrics.DELIVERIES_ROUTED, "event", type)).isZero());

        metrics.invalidEvent(Violation.NOT_JSON);
        metrics.routed("task.created", 3);
        assertThat(count(WebhookMetrics.EVENTS_INVALID, "reason", Violation.NOT_JSON)).isEqualTo(1.0);
        assertThat(count(WebhookMetrics.DELIVERIES_ROUTED, "event", "task.created")).isEqualTo(3.0);
    }

    private double count(String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        assertThat(counter).as("%s{%s=%s}", name, tag, value).isNotNull();
        return counter.count();
    }
}
