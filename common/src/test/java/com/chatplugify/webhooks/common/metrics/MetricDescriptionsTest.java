package com.chatplugify.webhooks.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class MetricDescriptionsTest {

    @Test
    void shouldDescribeEveryCataloguedMetric() {
        String[] undescribed = Arrays.stream(WebhookMetrics.class.getFields())
                .filter(f -> Modifier.isStatic(f.getModifiers()) && f.getType() == String.class)
                .map(MetricDescriptionsTest::value)
                .filter(name -> MetricDescriptions.of(name) == null)
                .toArray(String[]::new);

        assertThat(undescribed).isEmpty();
    }

    @Test
    void shouldGiveHelpTextToAMeterRegisteredWithout() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MetricDescriptions.fillMissing());

        registry.counter(WebhookMetrics.RETRIES_SCHEDULED, "tier", "1").increment();

        assertThat(registry.scrape())
                .contains("# HELP webhook_retries_scheduled_total Deliveries moved to a retry tier, by tier")
                .contains("webhook_retries_scheduled_total{tier=\"1\"} 1.0");
    }

    @Test
    void shouldKeepTheDescriptionAMeterWasRegisteredWith() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        registry.config().meterFilter(MetricDescriptions.fillMissing());

        Counter.builder(WebhookMetrics.REPLAYED).description("Replayed dead letters").register(registry);

        assertThat(registry.scrape()).contains("# HELP webhook_replayed_total Replayed dead letters");
    }

    private static String value(Field field) {
        try {
            return (String) field.get(null);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
