package com.chatplugify.webhooks.deliverer.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.deliverer.engine.MutableClock;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class RecentFailuresTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-15T10:30:00Z"));
    private final RecentFailures failures = new RecentFailures(clock);

    @Test
    void shouldRankTheWebhooksThatFailedMostAndKeepOnlyTheTop() {
        for (int webhook = 0; webhook < RecentFailures.TOP + 5; webhook++) {
            for (int failure = 0; failure <= webhook; failure++) {
                failures.failed("webhook_" + webhook);
            }
        }

        assertThat(failures.top()).hasSize(RecentFailures.TOP)
                .first().isEqualTo(Map.entry("webhook_14", 15L));
        assertThat(failures.top()).extracting(Map.Entry::getKey).doesNotContain("webhook_0", "webhook_4");
    }

    @Test
    void shouldForgetFailuresOlderThanFiveMinutes() {
        failures.failed("webhook_old");
        clock.advance(Duration.ofMinutes(3));
        failures.failed("webhook_old");
        failures.failed("webhook_new");
        assertThat(failures.top()).containsExactly(Map.entry("webhook_old", 2L), Map.entry("webhook_new", 1L));

        clock.advance(Duration.ofMinutes(2));
        assertThat(failures.top()).containsExactly(Map.entry("webhook_new", 1L), Map.entry("webhook_old", 1L));

        clock.advance(Duration.ofMinutes(5));
        assertThat(failures.top()).isEmpty();
    }

    @Test
    void shouldForgetTheFailuresOfAWebhookItIsToldToForget() {
        failures.failed("webhook_moved");
        failures.failed("webhook_moved");
        failures.failed("webhook_kept");

        failures.forget("webhook_moved");

        assertThat(failures.top()).containsExactly(Map.entry("webhook_kept", 1L));
    }

    @Test
    void shouldExportTheTopAsOneGaugePerWebhook() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        failures.bindTo(registry);
        failures.failed("webhook_a");
        failures.failed("webhook_a");
        failures.failed("webhook_b");

        failures.publish();
        assertThat(exported(registry)).containsExactlyInAnyOrderEntriesOf(Map.of("webhook_a", 2.0, "webhook_b", 1.0));

        clock.advance(Duration.ofMinutes(6));
        failures.failed("webhook_c");
        failures.publish();
        assertThat(exported(registry)).containsExactlyInAnyOrderEntriesOf(Map.of("webhook_c", 1.0));
    }

    private static Map<String, Double> exported(SimpleMeterRegistry registry) {
        return registry.find(WebhookMetrics.WEBHOOK_RECENT_FAILURES).gauges().stream()
                .collect(Collectors.toMap(gauge -> gauge.getId().getTag("webhook_id"), Gauge::value));
    }
}
