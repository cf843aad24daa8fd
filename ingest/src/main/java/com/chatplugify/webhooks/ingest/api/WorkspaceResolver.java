package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.api.RouteRule.BodyField;
import com.chatplugify.webhooks.ingest.api.RouteRule.EventInPath;
import com.chatplugify.webhooks.ingest.api.RouteRule.QueryParameter;
import com.chatplugify.webhooks.ingest.api.RouteRule.WebhookInPath;
import com.chatplugify.webhooks.ingest.api.RouteRule.WebhookOrWorkspaceInQuery;
import com.chatplugify.webhooks.ingest.history.AttemptStore;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Finds which workspace a request concerns, at one of the places a {@link RouteRule} names. A webhook is looked up
 * in the view as it is; when it is absent or elsewhere, the view is first brought up to date, so that a webhook just
 * created or moved through another instance is judged as it is now. A webhook found in the caller's workspace at
 * once may have moved since: the handler judges again the webhook it answers with ({@link CurrentWebhooks#find}).
 */
final class WorkspaceResolver {

    /** What a request names at one place. */
    sealed interface Resolution {
    }

    /** This workspace. */
    record Named(String workspaceId) implements Resolution {
    }

    /** Nothing: the request misses a parameter its caller must give. */
    record Missing(String field, String message) implements Resolution {
    }

    /** Something that does not exist. */
    record Absent() implements Resolution {
    }

    private final CurrentWebhooks current;
    private final SubscriptionView view;
    private final AttemptStore attempts;
    private final Duration timeout;

    WorkspaceResolver(SubscriptionView view, AttemptStore attempts, Duration timeout) {
        this.current = new CurrentWebhooks(view, timeout);
        this.view = view;
        this.attempts = attempts;
        this.timeout = timeout;
    }

    /** @param expected the caller's workspace: a webhook found there needs no wait for the view */
    Resolution resolve(RouteRule.WorkspaceSource source, Context ctx, String expected) {
        if (source instanceof QueryParameter query) {
            return named(query.name(), ctx.queryParam(query.name()));
        }
        if (source instanceof BodyField field) {
            JsonNode body = JsonBodies.readOptional(ctx, ApiLimits.MAX_BODY_BYTES);
            JsonNode value = body == null || !body.isObject() ? null : body.get(field.name());
            return named(field.name(), value != null && value.isTextual() ? value.textValue() : null);
        }
        if (source instanceof WebhookInPath webhook) {
            return webhook(ctx.pathParam(webhook.parameter()), expected);
        }
        if (source instanceof EventInPath event) {
            return event(ctx.pathParam(event.parameter()), expected);
        }
        if (source instanceof WebhookOrWorkspaceInQuery either) {
            String webhookId = ctx.queryParam(either.webhookParameter());
            return webhookId == null || webhookId.isBlank()
                    ? named(either.workspaceParameter(), ctx.queryParam(either.workspaceParameter()))
                    : webhook(webhookId.trim(), expected);
        }
        throw new IllegalStateException("unknown workspace source " + source);
    }

    /**
     * What the 404 says when {@code source} names something absent, or of another workspace ({@code named}, null
     * when absent): the same words either way, so that the answer does not tell one from the other.
     */
    static String notFound(RouteRule.WorkspaceSource source, Context ctx, String named) {
        if (source instanceof WebhookInPath webhook) {
            return CurrentWebhooks.notFound(ctx.pathParam(webhook.parameter()));
        }
        if (source instanceof EventInPath event) {
            return "no attempt of an event with id '" + ctx.pathParam(event.parameter()) + "' is recorded";
        }
        if (source instanceof WebhookOrWorkspaceInQuery either) {
            String webhookId = ctx.queryParam(either.webhookParameter());
            if (webhookId != null && !webhookId.isBlank()) {
                return CurrentWebhooks.notFound(webhookId.trim());
            }
        }
        return "no workspace '" + named + "' for this token";
    }

    private static Resolution named(String field, String workspaceId) {
        return workspaceId == null || workspaceId.isBlank()
                ? new Missing(field, "give '" + field + "', the workspace of this token")
                : new Named(workspaceId);
    }

    private Resolution webhook(String id, String expected) {
        Optional<Subscription> found = view.get(id).filter(webhook -> webhook.workspaceId().equals(expected));
        if (found.isEmpty()) {
            found = await(ApiErrors.within(current.lookup(id), timeout, "the webhooks view is behind Kafka"));
        }
        return found.<Resolution>map(webhook -> new Named(webhook.workspaceId()))
                .orElseGet(Absent::new);
    }

    /** Blocks: a before-handler cannot answer later. The wait is bounded by {@code timeout}. */
    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException cause ? cause : e;
        }
    }

    /**
     * An event is the caller's when one of its recorded attempts is: it is answered with those alone. One without an
     * attempt of the caller's workspace is not found.
     */
    private Resolution event(String id, String expected) {
        return attempts.ofEvent(id, expected).isEmpty() ? new Absent() : new Named(expected);
    }
}
