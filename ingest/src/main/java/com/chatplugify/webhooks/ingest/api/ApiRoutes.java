package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.http.HttpRoutes;
import io.javalin.config.JavalinConfig;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * The {@code /v1} API: bearer-token auth in front of events, webhooks, their delivery history, dead letters, the event
 * types, operational events and the API's own OpenAPI description.
 */
public final class ApiRoutes implements HttpRoutes {

    private final BearerAuth auth;
    private final EventsApi events;
    private final WebhooksApi webhooks;
    private final WebhookActionsApi webhookActions;
    private final AttemptsApi attempts;
    private final DeadLettersApi deadLetters;
    private final OperationalEventsApi operationalEvents;
    private final EventTypesApi eventTypes;
    private final OpenApiDocumentApi description = OpenApiDocumentApi.load();

    public ApiRoutes(String apiToken, EventsApi events, WebhooksApi webhooks, WebhookActionsApi webhookActions,
                     AttemptsApi attempts, DeadLettersApi deadLetters, EventTypesApi eventTypes,
                     OperationalEventsApi operationalEvents) {
        this.auth = new BearerAuth(apiToken);
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
    public void register(JavalinDefaultRoutingApi app) {
        ApiErrors.register(app);
        app.before("/v1/*", auth::check);
        events.register(app);
        webhooks.register(app);
        webhookActions.register(app);
        attempts.register(app);
        deadLetters.register(app);
        operationalEvents.register(app);
        eventTypes.register(app);
        description.register(app);
    }
}
