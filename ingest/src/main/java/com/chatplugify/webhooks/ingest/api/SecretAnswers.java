package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.ingest.api.AccessRules.Route;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Set;

/**
 * The {@code /v1} answers that carry a secret (a webhook's signing secret or header values, a token's secret), which
 * no cache, proxy or browser may keep: they are sent with {@code Cache-Control: no-store}. A route that starts to show
 * a secret is added here.
 */
final class SecretAnswers {

    static final String CACHE_CONTROL = "Cache-Control";
    static final String NO_STORE = "no-store";

    private static final Set<Route> ROUTES = Set.of(
            new Route("POST", "/v1/webhooks"),
            new Route("POST", "/v1/webhooks/{id}/rotate-secret"),
            new Route("GET", "/v1/webhooks/{id}/secret"),
            new Route("GET", "/v1/webhooks/{id}/headers"),
            new Route("POST", "/v1/tokens"));

    private SecretAnswers() {
    }

    static void register(JavalinDefaultRoutingApi app) {
        // Set before the handler runs, so that the header is on the answer however the handler completes it.
        app.beforeMatched("/v1/*", SecretAnswers::markNoStore);
    }

    private static void markNoStore(Context ctx) {
        if (ROUTES.contains(Route.matched(ctx))) {
            ctx.header(CACHE_CONTROL, NO_STORE);
        }
    }
}
