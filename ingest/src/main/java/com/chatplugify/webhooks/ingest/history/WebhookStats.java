package com.chatplugify.webhooks.ingest.history;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A webhook's attempts over the last hour.
 *
 * @param since       the start of the window: between 55 and 60 minutes ago (it moves in 5-minute steps)
 * @param byOutcome   attempts per outcome ({@code delivered}, {@code failed}, {@code gone}, {@code refused})
 * @param successRate delivered / attempts, null without attempts
 * @param p50Ms       median latency of the attempts that sent a request, null without any
 * @param latest      the webhook's newest attempt still in its history, whenever it was made, or null
 */
public record WebhookStats(Instant since, long attempts, Map<String, Long> byOutcome, Double successRate, Long p50Ms,
                           Long p99Ms, RecordedAttempt latest) {

    public WebhookStats {
        byOutcome = Collections.unmodifiableMap(new LinkedHashMap<>(byOutcome));
    }
}
