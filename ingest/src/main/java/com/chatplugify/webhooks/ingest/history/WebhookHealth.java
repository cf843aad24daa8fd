package com.chatplugify.webhooks.ingest.history;

import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import java.util.Locale;

/**
 * A webhook's health, from its state and its last hour of attempts, most in need of attention first. The API
 * says it and the console shows it; neither works it out again.
 */
public enum WebhookHealth {

    /** Enabled, and its newest attempt failed. */
    FAILING,
    /** Disabled, by someone or by the platform. */
    DISABLED,
    /** Its newest attempt succeeded, but fewer than 95 % of the last hour's did. */
    DEGRADED,
    /** Enabled, without any attempt in the history. */
    NO_ATTEMPTS,
    HEALTHY;

    static final double DEGRADED_BELOW = 0.95;

    public static WebhookHealth of(boolean enabled, WebhookStats stats) {
        if (!enabled) {
            return DISABLED;
        }
        if (stats.latest() == null) {
            return NO_ATTEMPTS;
        }
        if (!DeliveryAttempt.DELIVERED.equals(stats.latest().attempt().outcome())) {
            return FAILING;
        }
        if (stats.successRate() != null && stats.successRate() < DEGRADED_BELOW) {
            return DEGRADED;
        }
        return HEALTHY;
    }

    /** As the API writes it: {@code failing}, {@code no_attempts}, ... */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
