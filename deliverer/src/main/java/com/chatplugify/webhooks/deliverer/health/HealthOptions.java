package com.chatplugify.webhooks.deliverer.health;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import java.time.Duration;

/**
 * What the health watch decides with.
 *
 * @param autoDisableAfter  how long a webhook may fail without a success before it is disabled
 * @param failingAfter      how long it fails before {@code webhook.failing} is written
 * @param failureThreshold  failed attempts in a row that open a webhook's circuit: {@code webhook.failing} waits for
 *                          at least as many
 * @param deadLetterWindow  how often the dead letters counted per webhook are written as one event each
 */
public record HealthOptions(Duration autoDisableAfter, Duration failingAfter, int failureThreshold,
                            Duration deadLetterWindow) {

    public static HealthOptions from(WebhooksConfig config) {
        return new HealthOptions(config.getDuration(DelivererConfig.AUTO_DISABLE_AFTER),
                config.getDuration(DelivererConfig.FAILING_AFTER),
                config.getInt(DelivererConfig.BREAKER_FAILURE_THRESHOLD),
                config.getDuration(DelivererConfig.DEAD_LETTER_EVENTS_WINDOW));
    }
}
