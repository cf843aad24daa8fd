package com.chatplugify.webhooks.bench.system;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PrometheusScrapeTest {

    @Test
    void shouldSumEverySeriesOfTheMetricAndNothingElse() {
        String page = """
                # HELP webhook_deliveries_routed_total Deliveries the router fanned out
                # TYPE webhook_deliveries_routed_total counter
                webhook_deliveries_routed_total{event="conversation.created"} 120.0
                webhook_deliveries_routed_total{event="task.created"} 3.0
                webhook_deliveries_routed_total_extra 1000.0
                webhook_delivery_attempts_total{outcome="delivered",status_class="2xx"} 7.0 1700000000000
                """;

        assertThat(PrometheusScrape.sum(page, "webhook_deliveries_routed_total")).isEqualTo(123.0);
        assertThat(PrometheusScrape.sum(page, "webhook_delivery_attempts_total")).isEqualTo(7.0);
        assertThat(PrometheusScrape.sum(page, "webhook_replayed_total")).isZero();
    }
}
