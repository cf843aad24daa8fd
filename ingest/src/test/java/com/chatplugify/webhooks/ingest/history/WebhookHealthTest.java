package com.chatplugify.webhooks.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WebhookHealthTest {

    private static final Instant AT = Instant.parse("2030-01-01T00:00:00Z");

    @Test
    void shouldJudgeAWebhookByItsStateItsNewestAttemptAndItsHour() {
        assertThat(WebhookHealth.of(false, stats(1.0, DeliveryAttempt.DELIVERED))).isEqualTo(WebhookHealth.DISABLED);
        assertThat(WebhookHealth.of(true, stats(null, null))).isEqualTo(WebhookHealth.NO_ATTEMPTS);
        assertThat(WebhookHealth.of(true, stats(0.99, DeliveryAttempt.FAILED))).isEqualTo(WebhookHealth.FAILING);
        assertThat(WebhookHealth.of(true, stats(0.949, DeliveryAttempt.DELIVERED))).isEqualTo(WebhookHealth.DEGRADED);
        assertThat(WebhookHealth.of(true, stats(0.95, DeliveryAttempt.DELIVERED))).isEqualTo(WebhookHealth.HEALTHY);
        assertThat(WebhookHealth.NO_ATTEMPTS.code()).isEqualTo("no_attempts");
    }

    @Test
    void shouldPutWhatNeedsAttentionFirst() {
        assertThat(WebhookHealth.values()).containsExactly(WebhookHealth.FAILING, WebhookHealth.DISABLED,
                WebhookHealth.DEGRADED, WebhookHealth.NO_ATTEMPTS, WebhookHealth.HEALTHY);
    }

    private static WebhookStats stats(Double successRate, String lastOutcome) {
        RecordedAttempt latest = lastOutcome == null ? null : new RecordedAttempt("0-1", new DeliveryAttempt(
                "webhook_1", "ws_1", "evt_1", "task.created", 1, AT, lastOutcome, 200, null, 5, null, 0, null));
        return new WebhookStats(AT, latest == null ? 0 : 10, Map.of(), successRate, null, null, latest);
    }
}
