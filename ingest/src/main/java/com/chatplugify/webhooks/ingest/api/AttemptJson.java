package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.ingest.history.RecordedAttempt;
import com.chatplugify.webhooks.ingest.history.WebhookHealth;
import com.chatplugify.webhooks.ingest.history.WebhookStats;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the API shows delivery attempts and a webhook's statistics. No secret or request header is in either. */
final class AttemptJson {

    private AttemptJson() {
    }

    static Map<String, Object> of(RecordedAttempt recorded) {
        DeliveryAttempt attempt = recorded.attempt();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", recorded.id());
        json.put("webhookId", attempt.webhookId());
        json.put("workspaceId", attempt.workspaceId());
        json.put("eventId", attempt.eventId());
        json.put("eventType", attempt.eventType());
        json.put("attempt", attempt.attempt());
        json.put("attemptedAt", attempt.attemptedAt());
        json.put("outcome", attempt.outcome());
        json.put("status", attempt.status());
        json.put("error", attempt.error());
        json.put("latencyMs", attempt.latencyMs());
        json.put("responseBody", attempt.responseBody());
        json.put("tier", attempt.tier());
        json.put("replayOf", attempt.replayOf());
        return json;
    }

    static Map<String, Object> of(Subscription webhook, WebhookStats stats) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("webhookId", webhook.id());
        json.put("health", WebhookHealth.of(webhook.enabled(), stats).code());
        json.put("since", stats.since());
        json.put("attempts", stats.attempts());
        json.put("byOutcome", stats.byOutcome());
        json.put("successRate", stats.successRate());
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("p50", stats.p50Ms());
        latency.put("p99", stats.p99Ms());
        json.put("latencyMs", latency);
        json.put("lastAttempt", stats.latest() == null ? null : of(stats.latest()));
        return json;
    }
}
