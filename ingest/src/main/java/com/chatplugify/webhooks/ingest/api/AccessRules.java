package com.chatplugify.webhooks.ingest.api;

import static com.chatplugify.webhooks.ingest.api.RouteRule.adminOnly;
import static com.chatplugify.webhooks.ingest.api.RouteRule.anyCaller;
import static com.chatplugify.webhooks.ingest.api.RouteRule.inWorkspace;
import static com.chatplugify.webhooks.ingest.tokens.Permission.MANAGE_WEBHOOKS;
import static com.chatplugify.webhooks.ingest.tokens.Permission.READ;
import static com.chatplugify.webhooks.ingest.tokens.Permission.REPLAY;

import com.chatplugify.webhooks.ingest.api.RouteRule.BodyField;
import com.chatplugify.webhooks.ingest.api.RouteRule.EventInPath;
import com.chatplugify.webhooks.ingest.api.RouteRule.QueryParameter;
import com.chatplugify.webhooks.ingest.api.RouteRule.WebhookInPath;
import com.chatplugify.webhooks.ingest.api.RouteRule.WebhookOrWorkspaceInQuery;
import io.javalin.http.Context;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What every {@code /v1} route asks of a workspace token, in one table. A route missing here is the admin's alone
 * (and the route test fails for it): nothing is open to workspace tokens by default.
 */
final class AccessRules {

    /** A route as the router knows it: the method and the path template. */
    record Route(String method, String path) {

        /** The route of {@code method} on {@code path}; a HEAD is its GET's route, answered without a body. */
        static Route of(String method, String path) {
            return new Route(method.equals("HEAD") ? "GET" : method, path);
        }

        /** The route the request matched, as {@link #of}. */
        static Route matched(Context ctx) {
            return of(ctx.method().name(), ctx.endpoints().matchedHttpEndpoint().path);
        }

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private static final RouteRule.WorkspaceSource WORKSPACE_QUERY = new QueryParameter("workspaceId");
    private static final RouteRule.WorkspaceSource WORKSPACE_FIELD = new BodyField("workspaceId");
    private static final RouteRule.WorkspaceSource WEBHOOK = new WebhookInPath("id");
    private static final RouteRule.WorkspaceSource EVENT = new EventInPath("id");
    private static final RouteRule.WorkspaceSource WEBHOOK_OR_WORKSPACE_QUERY =
            new WebhookOrWorkspaceInQuery("webhookId", "workspaceId");

    private final Map<Route, RouteRule> rules = new LinkedHashMap<>();

    AccessRules() {
        rule("POST", "/v1/events", adminOnly());
        rule("POST", "/v1/events/batch", adminOnly());
        rule("GET", "/v1/events/{id}/attempts", inWorkspace(READ, EVENT));
        rule("GET", "/v1/event-types", anyCaller());

        rule("POST", "/v1/webhooks", inWorkspace(MANAGE_WEBHOOKS, WORKSPACE_FIELD));
        rule("GET", "/v1/webhooks", inWorkspace(READ, WORKSPACE_QUERY));
        rule("GET", "/v1/webhooks/{id}", inWorkspace(READ, WEBHOOK));
        rule("PUT", "/v1/webhooks/{id}", inWorkspace(MANAGE_WEBHOOKS, WEBHOOK, WORKSPACE_FIELD));
        rule("DELETE", "/v1/webhooks/{id}", inWorkspace(MANAGE_WEBHOOKS, WEBHOOK));
        rule("GET", "/v1/webhooks/{id}/secret", inWorkspace(MANAGE_WEBHOOKS, WEBHOOK));
        rule("GET", "/v1/webhooks/{id}/headers", inWorkspace(MANAGE_WEBHOOKS, WEBHOOK));
        rule("POST", "/v1/webhooks/{id}/rotate-secret", inWorkspace(MANAGE_WEBHOOKS, WEBHOOK));
        rule("POST", "/v1/webhooks/{id}/test", inWorkspace(MANAGE_WEBHOOKS, WEBHOOK));
        rule("GET", "/v1/webhooks/{id}/attempts", inWorkspace(READ, WEBHOOK));
        rule("GET", "/v1/webhooks/{id}/stats", inWorkspace(READ, WEBHOOK));

        rule("GET", "/v1/dead-letters", inWorkspace(READ, WORKSPACE_QUERY));
        rule("POST", "/v1/dead-letters/replay", inWorkspace(REPLAY, WORKSPACE_FIELD));

        rule("GET", "/v1/operational-events", inWorkspace(READ, WEBHOOK_OR_WORKSPACE_QUERY));

        rule("GET", "/v1/openapi.json", anyCaller());
        rule("GET", "/v1/whoami", anyCaller());
        rule("GET", "/v1/overview", adminOnly());
        rule("POST", "/v1/tokens", adminOnly());
        rule("GET", "/v1/tokens", adminOnly());
        rule("GET", "/v1/tokens/{id}", adminOnly());
        rule("DELETE", "/v1/tokens/{id}", adminOnly());
    }

    /** The rule of a route, when it has one. */
    Optional<RouteRule> ruleFor(Route route) {
        return Optional.ofNullable(rules.get(route));
    }

    private void rule(String method, String path, RouteRule rule) {
        if (rules.put(new Route(method, path), rule) != null) {
            throw new IllegalStateException("two rules for " + method + " " + path);
        }
    }
}
