package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.ingest.api.AccessRules.Route;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The query parameters of every {@code /v1} route, in one table. A parameter a route does not take is refused with a
 * 400 naming it, as an unknown field of a JSON body is: a misspelt filter ({@code webhookID}) would otherwise be
 * dropped and widen a listing to everything. So is one given twice, of which only one could count. A route missing
 * here takes none.
 */
final class QueryParameters {

    private static final Map<Route, Set<String>> ACCEPTED = Map.of(
            new Route("GET", "/v1/webhooks"), Set.of("workspaceId", "limit", "cursor"),
            new Route("GET", "/v1/webhooks/{id}/attempts"), Set.of("outcome", "limit", "cursor"),
            new Route("GET", "/v1/events/{id}/attempts"), Set.of("limit", "cursor"),
            new Route("GET", "/v1/dead-letters"), Set.of("workspaceId", "webhookId", "event", "reason", "from", "to",
                    "limit", "cursor"),
            new Route("GET", "/v1/operational-events"), Set.of("webhookId", "workspaceId", "limit"),
            new Route("GET", "/v1/tokens"), Set.of("workspaceId"),
            new Route("GET", "/v1/overview"), Set.of("limit"));

    private QueryParameters() {
    }

    static void register(JavalinDefaultRoutingApi app) {
        app.beforeMatched("/v1/*", ctx -> check(ctx, Route.matched(ctx)));
    }

    /** The parameters {@code route} takes: empty for one that takes none. */
    static Set<String> acceptedBy(Route route) {
        return ACCEPTED.getOrDefault(route, Set.of());
    }

    private static void check(Context ctx, Route route) {
        Set<String> accepted = acceptedBy(route);
        List<Violation> violations = new ArrayList<>();
        ctx.queryParamMap().forEach((name, values) -> {
            if (!accepted.contains(name)) {
                violations.add(new Violation(Violation.UNKNOWN_FIELD, name, "unknown query parameter '" + name + "'; "
                        + (accepted.isEmpty() ? route + " takes none" : "the parameters taken here are "
                        + new TreeSet<>(accepted))));
            } else if (values.size() > 1) {
                violations.add(new Violation(Violation.INVALID_VALUE, name, "'" + name + "' is given "
                        + values.size() + " times; give it once"));
            }
        });
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("invalid_parameter", violations);
        }
    }
}
