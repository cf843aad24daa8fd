package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.webhooks.Secrets;
import com.chatplugify.webhooks.ingest.webhooks.WebhookTestSender;
import com.chatplugify.webhooks.ingest.webhooks.WebhookWrites;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one does with a webhook besides editing it: rotate its secret, reveal the secret or the custom header values
 * on demand, send it a test event.
 */
public final class WebhookActionsApi {

    private static final KnownFields ROTATION_FIELDS = KnownFields.of(Set.of("secret"));
    private static final KnownFields TEST_FIELDS = KnownFields.of(Set.of("event"));

    private final CurrentWebhooks current;
    private final WebhookWrites writes;
    private final Secrets secrets;
    private final WebhookTestSender testSender;
    private final Duration timeout;

    public WebhookActionsApi(SubscriptionView view, WebhookWrites writes, Secrets secrets, WebhookTestSender testSender,
                             Duration timeout) {
        this.current = new CurrentWebhooks(view, timeout);
        this.writes = writes;
        this.secrets = secrets;
        this.testSender = testSender;
        this.timeout = timeout;
    }

    void register(JavalinDefaultRoutingApi app) {
        app.post("/v1/webhooks/{id}/rotate-secret", this::rotateSecret);
        app.get("/v1/webhooks/{id}/secret", this::revealSecret);
        app.get("/v1/webhooks/{id}/headers", this::revealHeaders);
        app.post("/v1/webhooks/{id}/test", this::sendTest);
    }

    /**
     * A new secret (generated, or {@code {"secret": "whsec_..."}} from the body) that signs from now on, while the
     * replaced one keeps signing beside it until the grace period ends. Answers the webhook with its new secret;
     * with {@code If-Match}, only if the webhook is still at that version.
     */
    void rotateSecret(Context ctx) {
        Long ifVersion = IfMatch.version(ctx);
        String given = requestedSecret(JsonBodies.readOptional(ctx, ApiLimits.MAX_BODY_BYTES));
        String newSecret = given != null ? given : secrets.newSecret();
        SubscriptionCommand command = SubscriptionCommand.rotateSecret(ctx.pathParam("id"), newSecret, ifVersion,
                writes.expiry()).inWorkspace(Caller.of(ctx).confinedTo());
        ctx.future(() -> WebhookWriteAnswers.applied(writes.submit(command)).thenAccept(outcome -> {
            WebhookWriteAnswers.describe(ctx, outcome);
            ctx.json(WebhookJson.withRotation(outcome.result().webhook()));
        }));
    }

    void revealSecret(Context ctx) {
        ctx.future(() -> current.find(ctx.pathParam("id"), Caller.of(ctx))
                .thenAccept(found -> ctx.json(Map.of("secret", WebhookJson.secret(found)))));
    }

    /** The custom header values, which every other answer masks. */
    void revealHeaders(Context ctx) {
        ctx.future(() -> current.find(ctx.pathParam("id"), Caller.of(ctx))
                .thenAccept(found -> ctx.json(WebhookJson.headers(found))));
    }

    /**
     * 202 with the test event's id; 409 when the webhook is disabled, since the test could only be dead-lettered.
     * The optional body {@code {"event": "<type>"}} sends the example of a domain type instead of a
     * {@code webhook.test}.
     */
    void sendTest(Context ctx) {
        String type = requestedTestType(JsonBodies.readOptional(ctx, ApiLimits.MAX_BODY_BYTES));
        ctx.future(() -> current.find(ctx.pathParam("id"), Caller.of(ctx)).thenCompose(webhook -> {
            if (!webhook.enabled()) {
                throw new ApiException(409, "webhook_disabled", "webhook '" + webhook.id()
                        + "' is disabled; enable it (PUT with \"enabled\": true) before testing it");
            }
            return ApiErrors.within(testSender.send(webhook, type), timeout, "Kafka did not acknowledge the test event");
        }).thenAccept(event -> ctx.status(202).json(Map.of("id", event.id()))));
    }

    private static String requestedTestType(JsonNode body) {
        if (body == null) {
            return EventTypes.WEBHOOK_TEST;
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("invalid_request", "the body, when given, is a JSON object such as "
                    + "{\"event\": \"conversation.created\"}");
        }
        List<Violation> violations = new ArrayList<>(TEST_FIELDS.unknownIn(body));
        JsonNode event = body.path("event");
        if (!event.isMissingNode() && !event.isNull() && !(event.isTextual() && EventTypes.isKnown(event.textValue()))) {
            violations.add(new Violation(Violation.UNKNOWN_EVENT_TYPE, "event", "'event' names the type whose example "
                    + "to send: one of " + EventTypes.ALL));
        }
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("invalid_request", violations);
        }
        return event.isTextual() ? event.textValue() : EventTypes.WEBHOOK_TEST;
    }

    private static String requestedSecret(JsonNode body) {
        if (body == null) {
            return null;
        }
        if (!body.isObject()) {
            throw ApiException.badRequest("invalid_request", "the body, when given, is a JSON object such as "
                    + "{\"secret\": \"whsec_...\"}");
        }
        List<Violation> violations = new ArrayList<>(ROTATION_FIELDS.unknownIn(body));
        JsonNode secret = body.get("secret");
        if (secret == null || secret.isNull()) {
            if (!violations.isEmpty()) {
                throw ApiException.badRequest("invalid_request", violations);
            }
            return null;
        }
        if (!secret.isTextual()) {
            violations.add(new Violation(Violation.WRONG_TYPE, "secret", "'secret' must be a string"));
        } else {
            WebhookRequest.checkSecret(secret.textValue(), violations);
        }
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("invalid_request", violations);
        }
        return secret.textValue();
    }
}
