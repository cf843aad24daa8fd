package com.chatplugify.webhooks.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PromQlNamesTest {

    @Test
    void shouldFindTheMetricsOfAQuantileOverARate() {
        assertThat(PromQlNames.of("histogram_quantile(0.99, sum by (le) (rate(webhook_delivery_end_to_end_seconds_bucket"
                + "{job=\"webhooks\"}[$__rate_interval]))) > 10"))
                .containsExactly("webhook_delivery_end_to_end_seconds_bucket");
    }

    @Test
    void shouldIgnoreLabelsStringsKeywordsAndNumbers() {
        assertThat(PromQlNames.of("sum by (topic, partition) (kafka_consumer_fetch_manager_records_lag{topic=~\"a\\\\.b\"})"
                + " > 1e3 and on (topic) deriv(kafka_lag[10m] offset 5m) > 0 or absent(up{role=\"router\"})"))
                .containsExactly("kafka_consumer_fetch_manager_records_lag", "kafka_lag", "up");
    }

    @Test
    void shouldFindBothSidesOfARatio() {
        assertThat(PromQlNames.of("sum(rate(a_total{outcome=\"delivered\"}[10m])) / sum(rate(b_total[10m])) < 0.99"))
                .containsExactly("a_total", "b_total");
    }
}
