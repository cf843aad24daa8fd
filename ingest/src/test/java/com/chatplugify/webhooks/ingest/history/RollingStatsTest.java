package com.chatplugify.webhooks.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RollingStatsTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:32:00Z");

    private final RollingStats stats = new RollingStats();

    @Test
    void shouldCountOutcomesAndSuccessRateOverTheLastHour() {
        for (int i = 0; i < 9; i++) {
            stats.add(attempt(NOW.minusSeconds(30), DeliveryAttempt.DELIVERED, 20));
        }
        stats.add(attempt(NOW.minusSeconds(30), DeliveryAttempt.FAILED, 20));

        WebhookStats snapshot = stats.snapshot(NOW, null);

        assertThat(snapshot.attempts()).isEqualTo(10);
        assertThat(snapshot.byOutcome()).containsEntry("delivered", 9L).containsEntry("failed", 1L)
                .containsEntry("gone", 0L).containsEntry("refused", 0L);
        assertThat(snapshot.successRate()).isEqualTo(0.9);
        assertThat(snapshot.since()).isEqualTo(Instant.parse("2024-01-15T09:35:00Z"));
    }

    @Test
    void shouldLeaveOutWhatIsOlderThanTheWindow() {
        stats.add(attempt(NOW.minus(Duration.ofMinutes(70)), DeliveryAttempt.FAILED, 5));
        stats.add(attempt(NOW.minus(Duration.ofMinutes(50)), DeliveryAttempt.DELIVERED, 5));

        assertThat(stats.snapshot(NOW, null).attempts()).isEqualTo(1);
        assertThat(stats.snapshot(NOW.plus(Duration.ofMinutes(20)), null).attempts()).isZero();
        assertThat(stats.snapshot(NOW.plus(Duration.ofMinutes(20)), null).successRate()).isNull();
    }

    @Test
    void shouldReuseASlotOnceItsHourHasPassed() {
        stats.add(attempt(NOW.minus(Duration.ofMinutes(60)), DeliveryAttempt.FAILED, 5));
        stats.add(attempt(NOW, DeliveryAttempt.DELIVERED, 5));
        stats.add(attempt(NOW.minus(Duration.ofMinutes(61)), DeliveryAttempt.FAILED, 5));

        assertThat(stats.snapshot(NOW, null).byOutcome()).containsEntry("delivered", 1L).containsEntry("failed", 0L);
    }

    @Test
    void shouldEstimateLatencyPercentilesOfAttemptsThatSentARequest() {
        for (int ms = 1; ms <= 1000; ms++) {
            stats.add(attempt(NOW, DeliveryAttempt.DELIVERED, ms));
        }
        stats.add(attempt(NOW, DeliveryAttempt.REFUSED, 0));

        WebhookStats snapshot = stats.snapshot(NOW, null);

        assertThat((double) snapshot.p50Ms()).isCloseTo(500, within(25.0));
        assertThat((double) snapshot.p99Ms()).isCloseTo(990, within(25.0));
    }

    @Test
    void shouldGiveTheExactLatencyOfASingleAttempt() {
        stats.add(attempt(NOW, DeliveryAttempt.DELIVERED, 16));

        WebhookStats snapshot = stats.snapshot(NOW, null);

        assertThat(snapshot.p50Ms()).isEqualTo(16);
        assertThat(snapshot.p99Ms()).isEqualTo(16);
    }

    @Test
    void shouldHaveNoLatencyWithoutAttempts() {
        assertThat(stats.snapshot(NOW, null).p50Ms()).isNull();
    }

    private static DeliveryAttempt attempt(Instant at, String outcome, long latencyMs) {
        return new DeliveryAttempt("webhook_1", "ws_1", "evt_1", "task.created", 1, at, outcome, null, null, latencyMs,
                null, 0, null);
    }
}
