package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.webhooks.SecretRotation;
import com.chatplugify.webhooks.ingest.webhooks.Secrets;
import com.chatplugify.webhooks.ingest.webhooks.SubscriptionWriter;
import com.chatplugify.webhooks.ingest.webhooks.WebhookChangeLog;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * {@code /v1/webhooks}: create, read, list, replace and delete webhook subscriptions. Writes go to the compacted
 * subscriptions topic and answer once the view has read them back; the secret is shown on creation only (and by
 * {@link WebhookActionsApi}).
 */
public final class WebhooksApi {

    private final CurrentWebhooks current;
    private final SubscriptionWriter writer;
    private final Secrets secrets;
    private final Clock clock;
    private final Duration timeout;
    private final boolean allowHttp;
    private final AddressPolicy addresses;

    public WebhooksApi(SubscriptionView view, SubscriptionWriter writer, Secrets secrets, Clock clock, Duration timeout,
                       boolean allowHttp, AddressPolicy addresses) {
        this.current = new CurrentWebhooks(view, clock, timeout);
        this.writer = writer;
        this.secrets = secrets;
        this.clock = clock;
        this.timeout = timeout;
        this.allowHttp = allowHttp;
        this.addresses = addresses;
    }

    void register(JavalinDefaultRoutingApi app) {
        app.post("/v1/webhooks", this::create);
        app.get("/v1/webhooks", this::list);
        app.get("/v1/webhooks/{id}", this::get);
        app.put("/v1/webhooks/{id}", this::replace);
        app.delete("/v1/webhooks/{id}", this::delete);
    }

    void create(Context ctx) {
        WebhookRequest request = parse(ctx);
        String id = request.id() != null ? request.id() : Ids.newWebhookId();
        Instant now = now();
        Subscription subscription = new Subscription(id, request.workspaceId(), request.url(), request.events(),
                WebhookJson.unmasked(request.headers(), Map.of()), request.secret() != null ? request.secret() : secrets.newSecret(), request.enabled(),
                request.description(), request.rateLimitPerSecond(), now, now, List.of());
        CompletableFuture<Optional<Subscription>> existing = request.id() == null
                ? CompletableFuture.completedFuture(Optional.empty())
                : current.lookup(id);
        ctx.future(() -> existing.thenCompose(found -> {
            if (found.isPresent()) {
                throw new ApiException(409, "conflict", "a webhook with id '" + id + "' exists; use PUT to replace it");
            }
            return written(writer.put(subscription));
        }).thenAccept(saved -> {
            WebhookChangeLog.changed("created", saved);
            ctx.status(201).json(WebhookJson.of(saved, true));
        }));
    }

    void get(Context ctx) {
        ctx.future(() -> current.find(ctx.pathParam("id")).thenAccept(found -> ctx.json(WebhookJson.of(found, false))));
    }

    void list(Context ctx) {
        String workspaceId = ctx.queryParam("workspaceId");
        if (workspaceId == null || workspaceId.isBlank()) {
            throw ApiException.badRequest("missing_parameter", "give ?workspaceId=<workspace> to list its webhooks");
        }
        ctx.future(() -> current.ofWorkspace(workspaceId).thenAccept(webhooks -> ctx.json(Map.of("data",
                webhooks.stream().map(subscription -> WebhookJson.of(subscription, false)).toList()))));
    }

    /**
     * Replaces a webhook: {@code createdAt} stays, {@code updatedAt} moves; the secret stays unless the body gives a
     * new one (which takes over at once: rotate-secret is the way to change it with a grace period).
     */
    void replace(Context ctx) {
        String id = ctx.pathParam("id");
        WebhookRequest request = parse(ctx);
        if (request.id() != null && !request.id().equals(id)) {
            throw ApiException.badRequest("invalid_webhook", "the body's id '" + request.id() + "' differs from the path's '"
                    + id + "'; a webhook's id cannot change");
        }
        ctx.future(() -> current.find(id).thenCompose(existing -> {
            Instant now = now();
            Subscription replaced = new Subscription(id, request.workspaceId(), request.url(), request.events(),
                    WebhookJson.unmasked(request.headers(), existing.headers()), request.secret() != null ? request.secret() : existing.secret(), request.enabled(),
                    request.description(), request.rateLimitPerSecond(), existing.createdAt(), now,
                    SecretRotation.unexpired(existing.retiringSecrets(), now));
            return written(writer.put(replaced));
        }).thenAccept(saved -> {
            WebhookChangeLog.changed("replaced", saved);
            ctx.json(WebhookJson.of(saved, false));
        }));
    }

    void delete(Context ctx) {
        String id = ctx.pathParam("id");
        ctx.future(() -> current.find(id)
                .thenCompose(existing -> written(writer.delete(id)))
                .thenAccept(ignored -> {
                    WebhookChangeLog.deleted(id);
                    ctx.status(204);
                }));
    }

    private <T> CompletableFuture<T> written(CompletableFuture<T> write) {
        return ApiErrors.within(write, timeout, "Kafka did not acknowledge the webhook, or the view did not read it back");
    }

    private WebhookRequest parse(Context ctx) {
        try {
            return WebhookRequest.parse(JsonBodies.read(ctx, ApiLimits.MAX_BODY_BYTES), allowHttp, addresses);
        } catch (WebhookRequest.Invalid e) {
            throw ApiException.badRequest("invalid_webhook", e.violations());
        }
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MILLIS);
    }
}
