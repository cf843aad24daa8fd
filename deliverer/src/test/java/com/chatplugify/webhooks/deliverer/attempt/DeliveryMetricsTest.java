package com.chatplugify.webhooks.deliverer.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import com.chatplugify.webhooks.deliverer.retry.DeferralReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class DeliveryMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final DeliveryMetrics metrics = new DeliveryMetrics(registry, new RecentFailures(Clock.systemUTC()));
    private final List<String> deadLetterReasons = Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::code).toList();
    private final List<String> deferralReasons = Arrays.stream(DeferralReason.values()).map(DeferralReason::code).toList();

    @Test
    void shouldCreateEveryCounterWithKnownLabelsAtZero() {
        metrics.startAtZero(deadLetterReasons, deferralReasons, 3);

        deadLetterReasons.forEach(reason -> assertThat(count(WebhookMetrics.DEAD_LETTERED, "reason", reason)).isZero());
        deferralReasons.forEach(reason -> assertThat(count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", reason)).isZero());
        List.of("webhook_deleted", "webhook_moved")
                .forEach(reason -> assertThat(count(WebhookMetrics.DELIVERIES_DROPPED, "reason", reason)).isZero());
        List.of("queue_full", "send_failed", "stopped")
                .forEach(reason -> assertThat(count(WebhookMetrics.ATTEMPTS_UNRECORDED, "reason", reason)).isZero());
        List.of("1", "2", "3").forEach(tier -> assertThat(count(WebhookMetrics.RETRIES_SCHEDULED, "tier", tier)).isZero());
        List.of(Topics.retryTier(1), Topics.retryTier(2), Topics.retryTier(3), Topics.DLQ, Topics.SUBSCRIPTION_COMMANDS)
                .forEach(topic -> assertThat(count(WebhookMetrics.OUTCOME_WRITE_FAILURES, "topic", topic)).isZero());
        assertThat(registry.find(WebhookMetrics.DELIVERY_ATTEMPTS).counters()).extracting(
                c -> c.getId().getTag("outcome") + " " + c.getId().getTag("status_class")).containsExactlyInAnyOrder(
                "delivered 2xx", "failed none", "failed 3xx", "failed 4xx", "failed 5xx", "gone 4xx", "refused none");
    }

    @Test
    void shouldCountIntoTheSeriesCreatedAtZero() {
        metrics.startAtZero(deadLetterReasons, deferralReasons, 3);

        metrics.attempted("webhook_1", "failed", new HttpAttempt(503, null, new byte[0], Duration.ofMillis(5), null));
        metrics.deferred(DeferralReason.CIRCUIT_OPEN.code());
        metrics.unrecorded(DeliveryMetrics.UNRECORDED_QUEUE_FULL);

        assertThat(registry.find(WebhookMetrics.DELIVERY_ATTEMPTS).tag("status_class", "5xx").counters()).singleElement()
                .extracting(Counter::count).isEqualTo(1.0);
        assertThat(count(WebhookMetrics.DELIVERIES_DEFERRED, "reason", "circuit_open")).isEqualTo(1.0);
        assertThat(count(WebhookMetrics.ATTEMPTS_UNRECORDED, "reason", "queue_full")).isEqualTo(1.0);
    }

    private double count(String name, String tag, String value) {
        Counter counter = registry.find(name).tag(tag, value).counter();
        assertThat(counter).as("%s{%s=%s}", name, tag, value).isNotNull();
        return counter.count();
    }
}
