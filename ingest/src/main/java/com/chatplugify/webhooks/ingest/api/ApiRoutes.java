package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.http.HttpRoutes;
import io.javalin.config.JavalinConfig;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;

/**
 * The {@code /v1} API: access control ({@link ApiAccess}) in front of events, webhooks, their delivery history, dead
 * letters, workspace tokens and the admin's overview.
 */
public final class ApiRoutes implements HttpRoutes {

    private final ApiAccess access;
    private final EventsApi events;
    private final WebhooksApi webhooks;
    private final WebhookActionsApi webhookActions;
    private final AttemptsApi attempts;
    private final DeadLettersApi deadLetters;
    private final EventTypesApi eventTypes = new EventTypesApi();
    private final TokensApi tokens;
    private final OverviewApi overview;

    public ApiRoutes(ApiAccess access, EventsApi events, WebhooksApi webhooks, WebhookActionsApi webhookActions,
                     AttemptsApi attempts, DeadLettersApi deadLetters, TokensApi tokens, OverviewApi overview) {
        this.access = access;
        this.tokens = tokens;
        this.overview = overview;
        this.events = events;
        this.webhooks = webhooks;
        this.webhookActions = webhookActions;
        this.attempts = attempts;
        this.deadLetters = deadLetters;
    }

    @Override
    public void configure(JavalinConfig config) {
        // Each call reads its body with its own, smaller limit; this one only stops what no call accepts.
        config.http.maxRequestSize = ApiLimits.MAX_BATCH_BYTES;
        config.http.prefer405over404 = true;
        access.configure(config);
    }

    @Override
    public void register(JavalinDefaultRoutingApi app) {
        ApiErrors.register(app);
        access.register(app);
        events.register(app);
        webhooks.register(app);
        webhookActions.register(app);
        attempts.register(app);
        deadLetters.register(app);
        eventTypes.register(app);
        tokens.register(app);
        overview.register(app);
    }

    /** Every {@code /v1} route the server has, as {@code "GET /v1/webhooks/{id}"}. */
    public List<String> routes() {
        return access.routes().stream().map(Object::toString).toList();
    }

    /** The {@code /v1} routes that have no access rule: the admin's alone, which no route should be. */
    public List<String> routesWithoutRule() {
        return access.routesWithoutRule().stream().map(Object::toString).toList();
    }
}
