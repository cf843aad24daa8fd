package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.ingest.tokens.ApiToken;
import com.chatplugify.webhooks.ingest.tokens.ApiTokens;
import com.chatplugify.webhooks.ingest.tokens.Permission;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/tokens}: the admin issues (the secret is shown once, in the answer), lists and revokes workspace
 * tokens; {@code GET /v1/whoami} tells any caller what its token may do, which is how the console adapts to it.
 */
public final class TokensApi {

    private final ApiTokens tokens;
    private final Clock clock;
    private final Duration timeout;

    /** @param timeout how long a call waits for the broker, or for the view to catch up */
    public TokensApi(ApiTokens tokens, Clock clock, Duration timeout) {
        this.tokens = tokens;
        this.clock = clock;
        this.timeout = timeout;
    }

    void register(JavalinDefaultRoutingApi app) {
        app.post("/v1/tokens", this::issue);
        app.get("/v1/tokens", this::list);
        app.get("/v1/tokens/{id}", this::get);
        app.delete("/v1/tokens/{id}", this::revoke);
        app.get("/v1/whoami", this::whoami);
    }

    void issue(Context ctx) {
        var request = TokenRequest.parse(JsonBodies.read(ctx, ApiLimits.MAX_BODY_BYTES), clock.instant());
        ctx.future(() -> within(tokens.issue(request), "Kafka did not acknowledge the token").thenAccept(issued -> {
            Map<String, Object> json = json(issued.token());
            json.put("token", issued.secret());
            ctx.status(201).json(json);
        }));
    }

    /** {@code ?workspaceId=} narrows the list to one workspace. */
    void list(Context ctx) {
        String workspaceId = ctx.queryParam("workspaceId");
        String filter = workspaceId == null || workspaceId.isBlank() ? null : workspaceId.trim();
        ctx.future(() -> current().thenAccept(ignored -> ctx.json(Map.of("data",
                tokens.list(filter).stream().map(this::json).toList()))));
    }

    void get(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.future(() -> current().thenAccept(ignored -> ctx.json(json(tokens.get(id)
                .orElseThrow(() -> notFound(id))))));
    }

    /** 204 once this instance refuses the token; every other instance refuses it within api.tokens.max-staleness. */
    void revoke(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.future(() -> within(tokens.revoke(id), "Kafka did not acknowledge the revocation").thenAccept(revoked -> {
            if (!revoked) {
                throw notFound(id);
            }
            ctx.status(204);
        }));
    }

    void whoami(Context ctx) {
        Map<String, Object> json = new LinkedHashMap<>();
        if (Caller.of(ctx) instanceof Caller.WorkspaceMember member) {
            json.put("kind", "workspace");
            json.put("workspaceId", member.token().workspaceId());
            json.put("permissions", codes(member.token()));
            json.put("token", json(member.token()));
        } else {
            json.put("kind", "admin");
            json.put("workspaceId", null);
            json.put("permissions", Permission.codes());
        }
        ctx.json(json);
    }

    private Map<String, Object> json(ApiToken token) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", token.id());
        json.put("name", token.name());
        json.put("workspaceId", token.workspaceId());
        json.put("permissions", codes(token));
        json.put("createdAt", token.createdAt());
        json.put("expiresAt", token.expiresAt());
        json.put("expired", token.expired(clock.instant()));
        json.put("lastUsedAt", tokens.lastUsedAt(token.id()).orElse(null));
        json.put("hint", token.hint());
        return json;
    }

    private static java.util.List<String> codes(ApiToken token) {
        return Arrays.stream(Permission.values()).filter(token.permissions()::contains).map(Permission::code).toList();
    }

    private CompletableFuture<Void> current() {
        return within(tokens.awaitCurrent(), "the tokens view is behind Kafka");
    }

    private <T> CompletableFuture<T> within(CompletableFuture<T> future, String what) {
        return ApiErrors.within(future, timeout, what);
    }

    private static ApiException notFound(String id) {
        return ApiException.notFound("no token with id '" + id + "'");
    }
}
