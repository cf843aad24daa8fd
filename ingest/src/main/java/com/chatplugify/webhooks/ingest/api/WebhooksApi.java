package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.paging.ListPosition;
import com.chatplugify.webhooks.ingest.webhooks.Secrets;
import com.chatplugify.webhooks.ingest.webhooks.WebhookWrites;
import com.chatplugify.webhooks.ingest.webhooks.WriteOutcome;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/webhooks}: create, read, list, replace and delete webhook subscriptions. Writes are commands to the
 * subscriptions' owner, which applies them one at a time per webhook; they answer once the change is applied, read
 * back by this instance's view, and routed (or {@code api.routing-wait} has passed). A write with {@code If-Match}
 * applies only to that version; the secret is shown on creation only (and by {@link WebhookActionsApi}).
 */
public final class WebhooksApi {

    static final int MAX_PAGE = 1000;

    private final CurrentWebhooks current;
    private final WebhookWrites writes;
    private final Secrets secrets;
    private final WebhookRules rules;
    private final Clock clock;

    /** @param timeout how long a read waits for the view to catch up */
    public WebhooksApi(SubscriptionView view, WebhookWrites writes, Secrets secrets, Duration timeout, WebhookRules rules,
                       Clock clock) {
        this.current = new CurrentWebhooks(view, timeout);
        this.writes = writes;
        this.secrets = secrets;
        this.rules = rules;
        this.clock = clock;
    }

    void register(JavalinDefaultRoutingApi app) {
        app.post("/v1/webhooks", this::create);
        app.get("/v1/webhooks", this::list);
        app.get("/v1/webhooks/{id}", this::get);
        app.put("/v1/webhooks/{id}", this::replace);
        app.delete("/v1/webhooks/{id}", this::delete);
    }

    /** 201 with the webhook and its secret; 409 when the body's {@code id} is taken. */
    void create(Context ctx) {
        WebhookRequest request = parse(ctx);
        String id = request.id() != null ? request.id() : Ids.newWebhookId();
        Subscription requested = requested(id, request, request.secret() != null ? request.secret() : secrets.newSecret());
        ctx.future(() -> write(SubscriptionCommand.create(requested, writes.expiry())).thenAccept(outcome -> {
            WebhookWriteAnswers.describe(ctx, outcome);
            ctx.status(201).json(WebhookJson.of(outcome.result().webhook(), true, clock.instant()));
        }));
    }

    void get(Context ctx) {
        ctx.future(() -> current.find(ctx.pathParam("id"), Caller.of(ctx)).thenAccept(found -> {
            ctx.header(IfMatch.ETAG, IfMatch.etag(found.version()));
            ctx.json(WebhookJson.of(found, false, clock.instant()));
        }));
    }

    /**
     * A page of the workspace's webhooks, oldest first. Without {@code limit}, up to {@link #MAX_PAGE}: as many as a
     * workspace has, in all but the largest, for callers that list it whole.
     */
    void list(Context ctx) {
        String workspaceId = ctx.queryParam("workspaceId");
        if (workspaceId == null || workspaceId.isBlank()) {
            throw ApiException.badRequest("missing_parameter", "give ?workspaceId=<workspace> to list its webhooks");
        }
        RequestParameters parameters = RequestParameters.ofQuery(ctx);
        int limit = parameters.integer("limit", MAX_PAGE, 1, MAX_PAGE);
        ListPosition after = parameters.position();
        ctx.future(() -> current.ofWorkspace(workspaceId).thenAccept(webhooks -> {
            List<Subscription> following = after == null ? webhooks
                    : webhooks.stream().filter(webhook -> position(webhook).compareTo(after) > 0).toList();
            List<Subscription> page = following.subList(0, Math.min(limit, following.size()));
            boolean more = following.size() > page.size();
            Map<String, Object> json = new LinkedHashMap<>();
            Instant now = clock.instant();
            json.put("data", page.stream().map(subscription -> WebhookJson.of(subscription, false, now)).toList());
            json.put("hasMore", more);
            json.put("nextCursor", more ? position(page.get(page.size() - 1)).encode() : null);
            ctx.json(json);
        }));
    }

    /** Where a webhook sits in its workspace's list: by creation, then id (one written without a time first). */
    private static ListPosition position(Subscription webhook) {
        return new ListPosition(webhook.createdAt() != null ? webhook.createdAt() : Instant.MIN, webhook.id());
    }

    /**
     * Replaces a webhook: {@code createdAt} stays, {@code updatedAt} moves; the secret and its retiring ones stay
     * unless the body gives a secret, which takes over at once as the only one signing (rotate-secret is the way to
     * change it with a grace period).
     */
    void replace(Context ctx) {
        String id = ctx.pathParam("id");
        Long ifVersion = IfMatch.version(ctx);
        WebhookRequest request = parse(ctx);
        if (request.id() != null && !request.id().equals(id)) {
            throw ApiException.badRequest("invalid_webhook", "the body's id '" + request.id() + "' differs from the path's '"
                    + id + "'; a webhook's id cannot change");
        }
        Subscription requested = requested(id, request, request.secret());
        SubscriptionCommand command = SubscriptionCommand.replace(requested, ifVersion, writes.expiry())
                .inWorkspace(Caller.of(ctx).confinedTo());
        ctx.future(() -> write(command).thenAccept(outcome -> {
            WebhookWriteAnswers.describe(ctx, outcome);
            ctx.json(WebhookJson.of(outcome.result().webhook(), false, clock.instant()));
        }));
    }

    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        Long ifVersion = IfMatch.version(ctx);
        SubscriptionCommand command = SubscriptionCommand.delete(id, ifVersion, writes.expiry())
                .inWorkspace(Caller.of(ctx).confinedTo());
        ctx.future(() -> write(command).thenAccept(outcome -> {
            WebhookWriteAnswers.describe(ctx, outcome);
            ctx.status(204);
        }));
    }

    private CompletableFuture<WriteOutcome> write(SubscriptionCommand command) {
        return WebhookWriteAnswers.applied(writes.submit(command));
    }

    /** The webhook as the request asks for it; the owner sets its times and version. */
    private static Subscription requested(String id, WebhookRequest request, String secret) {
        return new Subscription(id, request.workspaceId(), request.url(), request.events(), request.headers(), secret,
                request.enabled(), request.description(), request.rateLimitPerSecond(), null, null, List.of(), 0, null,
                request.ordering(), request.onFailure(), request.clientCertificate(), request.oauth2());
    }

    private WebhookRequest parse(Context ctx) {
        try {
            return WebhookRequest.parse(JsonBodies.read(ctx, ApiLimits.MAX_BODY_BYTES), rules);
        } catch (WebhookRequest.Invalid e) {
            throw ApiException.badRequest("invalid_webhook", e.violations());
        }
    }
}
