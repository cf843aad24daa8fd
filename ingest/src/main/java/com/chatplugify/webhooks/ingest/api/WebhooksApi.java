package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.webhooks.Secrets;
import com.chatplugify.webhooks.ingest.webhooks.SubscriptionWriter;
import io.javalin.http.Context;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** {@code /v1/webhooks}: create, read and list webhook subscriptions. */
final class WebhooksApi {

    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final SubscriptionView view;
    private final SubscriptionWriter writer;
    private final Secrets secrets;
    private final Clock clock;
    private final boolean allowHttp;
    private final AddressPolicy addresses;

    WebhooksApi(SubscriptionView view, SubscriptionWriter writer, Secrets secrets, Clock clock, boolean allowHttp,
                AddressPolicy addresses) {
        this.view = view;
        this.writer = writer;
        this.secrets = secrets;
        this.clock = clock;
        this.allowHttp = allowHttp;
        this.addresses = addresses;
    }

    void create(Context ctx) {
        WebhookRequest request = parse(ctx);
        String id = request.id() != null ? request.id() : Ids.newWebhookId();
        if (view.get(id).isPresent()) {
            throw new ApiException(409, "conflict", "a webhook with id '" + id + "' exists; use PUT to replace it");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        Subscription subscription = new Subscription(id, request.workspaceId(), request.url(), request.events(),
                request.headers(), request.secret() != null ? request.secret() : secrets.newSecret(), request.enabled(),
                request.description(), request.rateLimitPerSecond(), now, now, List.of());
        ctx.future(() -> writer.put(subscription).thenAccept(saved -> ctx.status(201).json(WebhookJson.of(saved, true))));
    }

    void get(Context ctx) {
        ctx.json(WebhookJson.of(find(ctx.pathParam("id")), false));
    }

    void list(Context ctx) {
        String workspaceId = ctx.queryParam("workspaceId");
        if (workspaceId == null || workspaceId.isBlank()) {
            throw ApiException.badRequest("missing_parameter", "give ?workspaceId=<workspace> to list its webhooks");
        }
        List<Map<String, Object>> webhooks = view.byWorkspace(workspaceId).stream()
                .map(subscription -> WebhookJson.of(subscription, false)).toList();
        ctx.json(Map.of("data", webhooks));
    }

    private Subscription find(String id) {
        return view.get(id).orElseThrow(() -> ApiException.notFound("no webhook with id '" + id + "'"));
    }

    private WebhookRequest parse(Context ctx) {
        try {
            return WebhookRequest.parse(JsonBodies.read(ctx, MAX_BODY_BYTES), allowHttp, addresses);
        } catch (WebhookRequest.Invalid e) {
            throw ApiException.badRequest("invalid_webhook", e.violations());
        }
    }
}
