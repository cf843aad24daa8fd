package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.ingest.operations.OperationalEventLog;
import com.chatplugify.webhooks.ingest.operations.OperationalEventStore;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /v1/operational-events?webhookId=} or {@code ?workspaceId=}: what happened to a webhook, or to the
 * webhooks of a workspace (disabled, enabled, failing, recovered, deliveries dead-lettered), newest first. Answers
 * from the {@link OperationalEventStore}, so what it still holds; a deleted webhook's events stay listed.
 */
public final class OperationalEventsApi {

    static final int DEFAULT_LIMIT = 50;

    private final OperationalEventStore store;

    public OperationalEventsApi(OperationalEventStore store) {
        this.store = store;
    }

    void register(JavalinDefaultRoutingApi app) {
        app.get("/v1/operational-events", this::list);
    }

    void list(Context ctx) {
        String webhookId = ctx.queryParam("webhookId");
        String workspaceId = ctx.queryParam("workspaceId");
        int limit = RequestParameters.ofQuery(ctx).integer("limit", DEFAULT_LIMIT, 1, OperationalEventLog.PER_KEY);
        boolean byWebhook = webhookId != null && !webhookId.isBlank();
        boolean byWorkspace = workspaceId != null && !workspaceId.isBlank();
        if (byWebhook == byWorkspace) {
            throw ApiException.badRequest("invalid_parameter", List.of(new Violation(
                    byWebhook ? Violation.INVALID_VALUE : Violation.MISSING_FIELD, "webhookId",
                    "give one of 'webhookId' and 'workspaceId'")));
        }
        List<OperationalEvent> events = byWebhook ? store.ofWebhook(webhookId.trim(), Caller.of(ctx).confinedTo(), limit)
                : store.ofWorkspace(workspaceId.trim(), limit);
        ctx.json(Map.of("data", events));
    }
}
