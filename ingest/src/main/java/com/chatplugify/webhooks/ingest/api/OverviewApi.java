package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.history.AttemptStore;
import com.chatplugify.webhooks.ingest.history.WebhookHealth;
import com.chatplugify.webhooks.ingest.history.WebhookStats;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code GET /v1/overview}: every workspace's webhooks at a glance, for the admin. Webhooks come most in need of
 * attention first (failing, then disabled, then degraded), and so do workspaces; {@code limit} bounds both lists.
 */
public final class OverviewApi {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private static final Comparator<Entry> BY_ATTENTION = Comparator.comparing(Entry::health)
            .thenComparing(Entry::lastAttemptAt, Comparator.nullsLast(Comparator.reverseOrder()))
            .thenComparing(entry -> entry.webhook().workspaceId())
            .thenComparing(entry -> entry.webhook().id());

    private static final Comparator<Map<WebhookHealth, Long>> WORKSPACE_ATTENTION = Comparator
            .comparing((Map<WebhookHealth, Long> counts) -> counts.get(WebhookHealth.FAILING))
            .thenComparing(counts -> counts.get(WebhookHealth.DISABLED))
            .thenComparing(counts -> counts.get(WebhookHealth.DEGRADED))
            .reversed();

    private final CurrentWebhooks current;
    private final AttemptStore store;
    private final Clock clock;

    public OverviewApi(SubscriptionView view, AttemptStore store, Clock clock, Duration timeout) {
        this.current = new CurrentWebhooks(view, timeout);
        this.store = store;
        this.clock = clock;
    }

    void register(JavalinDefaultRoutingApi app) {
        app.get("/v1/overview", this::overview);
    }

    private record Entry(Subscription webhook, WebhookStats stats, WebhookHealth health) {

        Instant lastAttemptAt() {
            return stats.latest() == null ? null : stats.latest().attempt().attemptedAt();
        }
    }

    void overview(Context ctx) {
        int limit = RequestParameters.ofQuery(ctx).integer("limit", DEFAULT_LIMIT, 1, MAX_LIMIT);
        ctx.future(() -> current.all().thenAccept(webhooks -> {
            Instant now = clock.instant();
            List<Entry> entries = webhooks.stream().map(webhook -> {
                WebhookStats stats = store.stats(webhook.id(), webhook.workspaceId(), now);
                return new Entry(webhook, stats, WebhookHealth.of(webhook.enabled(), stats));
            }).sorted(BY_ATTENTION).toList();
            Map<String, Map<WebhookHealth, Long>> byWorkspace = new TreeMap<>();
            Map<WebhookHealth, Long> totals = counts();
            for (Entry entry : entries) {
                byWorkspace.computeIfAbsent(entry.webhook().workspaceId(), ws -> counts()).merge(entry.health(), 1L, Long::sum);
                totals.merge(entry.health(), 1L, Long::sum);
            }
            Map<String, Object> json = new LinkedHashMap<>();
            json.put("totals", totals(byWorkspace.size(), entries.size(), totals));
            json.put("workspaces", byWorkspace.entrySet().stream()
                    .sorted(Map.Entry.<String, Map<WebhookHealth, Long>>comparingByValue(WORKSPACE_ATTENTION)
                            .thenComparing(Map.Entry.comparingByKey()))
                    .limit(limit).map(ws -> workspace(ws.getKey(), ws.getValue())).toList());
            json.put("webhooks", entries.stream().limit(limit).map(OverviewApi::webhook).toList());
            json.put("hasMore", entries.size() > limit || byWorkspace.size() > limit);
            ctx.json(json);
        }));
    }

    private static Map<WebhookHealth, Long> counts() {
        Map<WebhookHealth, Long> counts = new EnumMap<>(WebhookHealth.class);
        for (WebhookHealth health : WebhookHealth.values()) {
            counts.put(health, 0L);
        }
        return counts;
    }

    private static Map<String, Object> totals(int workspaces, int webhooks, Map<WebhookHealth, Long> counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workspaces", workspaces);
        json.put("webhooks", webhooks);
        counts.forEach((health, count) -> json.put(health.code(), count));
        return json;
    }

    private static Map<String, Object> workspace(String workspaceId, Map<WebhookHealth, Long> counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("workspaceId", workspaceId);
        json.put("webhooks", counts.values().stream().mapToLong(Long::longValue).sum());
        counts.forEach((health, count) -> json.put(health.code(), count));
        return json;
    }

    private static Map<String, Object> webhook(Entry entry) {
        Subscription webhook = entry.webhook();
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", webhook.id());
        json.put("workspaceId", webhook.workspaceId());
        json.put("url", webhook.url());
        json.put("description", webhook.description());
        json.put("enabled", webhook.enabled());
        json.put("disabledReason", webhook.disabledReason());
        json.put("health", entry.health().code());
        json.put("attempts", entry.stats().attempts());
        json.put("successRate", entry.stats().successRate());
        json.put("lastAttempt", entry.stats().latest() == null ? null : AttemptJson.of(entry.stats().latest()));
        return json;
    }
}
