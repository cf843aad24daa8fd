package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.api.AccessRules.Route;
import com.chatplugify.webhooks.ingest.api.RouteRule.InWorkspace;
import com.chatplugify.webhooks.ingest.history.AttemptStore;
import com.chatplugify.webhooks.ingest.tokens.ApiTokens;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;

/**
 * Access to {@code /v1}, decided here and nowhere else: every call is authenticated ({@link BearerAuth}), then held
 * to its route's {@link RouteRule}. A workspace token reaching outside its workspace gets the 404 of something that
 * does not exist, never a 403 that would confirm it does; inside its workspace, a permission it lacks is a 403.
 */
public final class ApiAccess {

    private final BearerAuth auth;
    private final AccessRules rules;
    private final WorkspaceResolver workspaces;

    ApiAccess(BearerAuth auth, AccessRules rules, WorkspaceResolver workspaces) {
        this.auth = auth;
        this.rules = rules;
        this.workspaces = workspaces;
    }

    /**
     * @param adminToken {@code api.token}
     * @param timeout    how long a check waits for the webhooks view to catch up
     * @throws IllegalArgumentException for a blank admin token
     */
    public static ApiAccess create(String adminToken, ApiTokens tokens, SubscriptionView view, AttemptStore attempts,
                                   Duration timeout) {
        return new ApiAccess(new BearerAuth(adminToken, tokens), new AccessRules(),
                new WorkspaceResolver(view, attempts, timeout));
    }

    void register(JavalinDefaultRoutingApi app) {
        app.before("/v1/*", ctx -> ctx.attribute(Caller.ATTRIBUTE, auth.authenticate(ctx)));
        app.beforeMatched("/v1/*", this::authorize);
    }

    /** Whether a route has a rule; one without is the admin's alone until one is written. */
    boolean hasRule(String method, String path) {
        return rules.ruleFor(Route.of(method, path)).isPresent();
    }

    private void authorize(Context ctx) {
        if (!(Caller.of(ctx) instanceof Caller.WorkspaceMember member)) {
            return;
        }
        Route route = Route.matched(ctx);
        RouteRule rule = rules.ruleFor(route).orElseGet(RouteRule::adminOnly);
        if (rule instanceof RouteRule.AnyCaller) {
            return;
        }
        if (!(rule instanceof InWorkspace inWorkspace)) {
            throw ApiException.notFound(ApiErrors.noSuchResource(ctx));
        }
        String own = member.token().workspaceId();
        for (RouteRule.WorkspaceSource source : inWorkspace.sources()) {
            WorkspaceResolver.Resolution resolution = workspaces.resolve(source, ctx, own);
            if (resolution instanceof WorkspaceResolver.Missing missing) {
                throw ApiException.badRequest("missing_parameter", missing.message());
            }
            String named = resolution instanceof WorkspaceResolver.Named found ? found.workspaceId() : null;
            if (!own.equals(named)) {
                throw ApiException.notFound(WorkspaceResolver.notFound(source, ctx, named));
            }
        }
        if (!member.token().allows(inWorkspace.permission())) {
            throw new ApiException(403, "forbidden", "this token lacks the '" + inWorkspace.permission().code()
                    + "' permission that " + route + " needs");
        }
    }
}
