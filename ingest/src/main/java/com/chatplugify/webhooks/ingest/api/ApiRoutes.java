package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.http.HttpRoutes;
import io.javalin.config.JavalinConfig;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * The {@code /v1} API: access control ({@link ApiAccess}) in front of events, webhooks, their delivery history, dead
 * letters, the event types, operational events, workspace tokens, the admin's overview and the API's own OpenAPI description.
 */
public final class ApiRoutes implements HttpRoutes {

    private final ApiAccess access;
    private final EventsApi events;
    private final WebhooksApi webhooks;
    private final WebhookActionsApi webhookActions;
    private final AttemptsApi attempts;
    private final DeadLettersApi deadLetters;
    private final OperationalEventsApi operationalEvents;
    private final EventTypesApi eventTypes;
    private final TokensApi tokens;
    private final OverviewApi overview;
    private final OpenApiDocumentApi description = OpenApiDocumentApi.load();

    public ApiRoutes(ApiAccess access, EventsApi events, WebhooksApi webhooks, WebhookActionsApi webhookActions,
                     AttemptsApi attempts, DeadLettersApi deadLetters, EventTypesApi eventTypes,
                     OperationalEventsApi operationalEvents, TokensApi tokens, OverviewApi overview) {
        this.access = access;
        this.tokens = tokens;
        this.overview = overview;
        this.events = events;
        this.webhooks = webhooks;
        this.webhookActions = webhookActions;
        this.attempts = attempts;
        this.deadLetters = deadLetters;
        this.operationalEvents = operationalEvents;
        this.eventTypes = eventTypes;
    }

    @Override
    public void configure(JavalinConfig config) {
        // Each call reads its body with its own, smaller limit; this one only stops what no call accepts.
        config.http.maxRequestSize = ApiLimits.MAX_BATCH_BYTES;
        config.http.prefer405over404 = true;
    }

    @Override
    public void register(JavalinDefaultRoutingApi routes) {
        JavalinDefaultRoutingApi app = new HeadRoutes(routes);
        ApiErrors.register(app);
        SecretAnswers.register(app);
        access.register(app);
        QueryParameters.register(app);
        events.register(app);
        webhooks.register(app);
        webhookActions.register(app);
        attempts.register(app);
        deadLetters.register(app);
        operationalEvents.register(app);
        eventTypes.register(app);
        tokens.register(app);
        overview.register(app);
        description.register(app);
    }

    /**
     * Whether a {@code /v1} route ({@code "GET"}, {@code "/v1/webhooks/{id}"}) has an access rule; one without is
     * the admin's alone, which no route should be.
     */
    public boolean hasAccessRule(String method, String path) {
        return access.hasRule(method, path);
    }
}
