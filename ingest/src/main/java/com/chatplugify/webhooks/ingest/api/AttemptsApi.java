package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.history.AttemptPage;
import com.chatplugify.webhooks.ingest.history.AttemptStore;
import com.chatplugify.webhooks.ingest.paging.ListPosition;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The delivery history: a webhook's attempts, newest first and a page at a time, filtered by outcome; the attempts
 * at one event; a webhook's last hour. Answers from the {@link AttemptStore}, so only what it still holds.
 */
public final class AttemptsApi {

    static final int DEFAULT_PAGE = 50;
    static final int MAX_PAGE = 1000;

    private final CurrentWebhooks current;
    private final AttemptStore store;
    private final Clock clock;

    public AttemptsApi(SubscriptionView view, AttemptStore store, Clock clock, Duration timeout) {
        this.current = new CurrentWebhooks(view, timeout);
        this.store = store;
        this.clock = clock;
    }

    void register(JavalinDefaultRoutingApi app) {
        app.get("/v1/webhooks/{id}/attempts", this::ofWebhook);
        app.get("/v1/webhooks/{id}/stats", this::stats);
        app.get("/v1/events/{id}/attempts", this::ofEvent);
    }

    void ofWebhook(Context ctx) {
        Set<String> outcomes = outcomes(ctx.queryParam("outcome"));
        RequestParameters parameters = RequestParameters.ofQuery(ctx);
        int limit = parameters.integer("limit", DEFAULT_PAGE, 1, MAX_PAGE);
        ListPosition before = parameters.position();
        ctx.future(() -> current.find(ctx.pathParam("id"), Caller.of(ctx)).thenAccept(webhook -> {
            ctx.json(json(store.ofWebhook(webhook.id(), webhook.workspaceId(), outcomes, limit, before)));
        }));
    }

    void stats(Context ctx) {
        ctx.future(() -> current.find(ctx.pathParam("id"), Caller.of(ctx)).thenAccept(webhook ->
                ctx.json(AttemptJson.of(webhook, store.stats(webhook.id(), webhook.workspaceId(), clock.instant())))));
    }

    /**
     * Every webhook's attempts at one event, only its own workspace's for a workspace token; in pages of up to
     * {@link #MAX_PAGE} (all an event has, in all but the largest fan-outs, without {@code limit}).
     */
    void ofEvent(Context ctx) {
        RequestParameters parameters = RequestParameters.ofQuery(ctx);
        int limit = parameters.integer("limit", MAX_PAGE, 1, MAX_PAGE);
        ListPosition before = parameters.position();
        ctx.json(json(store.ofEvent(ctx.pathParam("id"), Caller.of(ctx).confinedTo(), limit, before)));
    }

    private static Map<String, Object> json(AttemptPage page) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", page.attempts().stream().map(AttemptJson::of).toList());
        json.put("hasMore", page.next() != null);
        json.put("nextCursor", page.next() == null ? null : page.next().encode());
        return json;
    }

    private static Set<String> outcomes(String parameter) {
        Set<String> outcomes = new LinkedHashSet<>();
        if (parameter == null || parameter.isBlank()) {
            return outcomes;
        }
        for (String outcome : parameter.split(",", -1)) {
            String trimmed = outcome.trim();
            if (trimmed.isEmpty()) {
                // "delivered,,failed" or "," is a list with a hole, not "any outcome".
                throw ApiException.badRequest("invalid_parameter", List.of(new Violation(Violation.INVALID_VALUE,
                        "outcome", "'outcome' has an empty item; give outcomes separated by single commas")));
            }
            if (!DeliveryAttempt.OUTCOMES.contains(trimmed)) {
                throw ApiException.badRequest("invalid_parameter", List.of(new Violation(Violation.INVALID_VALUE,
                        "outcome", "'outcome' takes " + String.join(", ", new TreeSet<>(DeliveryAttempt.OUTCOMES))
                                + ", or several separated by commas")));
            }
            outcomes.add(trimmed);
        }
        return outcomes;
    }
}
