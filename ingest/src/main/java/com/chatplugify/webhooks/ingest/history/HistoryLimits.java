package com.chatplugify.webhooks.ingest.history;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.ingest.IngestConfig;

/**
 * What bounds the delivery history's memory, whatever the traffic (see {@link IngestConfig} for each key).
 *
 * @param attemptsPerWebhook the newest attempts kept per webhook
 * @param maxBytes           estimated memory of all attempts kept; the oldest go first beyond it
 * @param maxWebhooks        webhooks with a history and statistics; those idle longest go first beyond it
 */
public record HistoryLimits(int attemptsPerWebhook, long maxBytes, int maxWebhooks) {

    public static HistoryLimits from(WebhooksConfig config) {
        return new HistoryLimits(config.getInt(IngestConfig.HISTORY_ATTEMPTS_PER_WEBHOOK),
                config.getLong(IngestConfig.HISTORY_MAX_BYTES), config.getInt(IngestConfig.HISTORY_MAX_WEBHOOKS));
    }
}
