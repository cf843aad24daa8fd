package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.ingest.webhooks.UnconfirmedWriteException;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.KafkaException;
import org.eclipse.jetty.http.BadMessageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Maps every failure of a request to the JSON error shape: refusals keep their 4xx, the broker not answering is
 * a 503 with {@code Retry-After}, and only our own bugs become a 500.
 */
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);
    /** What a caller should wait before retrying when the broker did not acknowledge in time. */
    static final Duration BROKER_RETRY_AFTER = Duration.ofSeconds(5);

    private ApiErrors() {
    }

    static void register(JavalinDefaultRoutingApi app) {
        app.exception(ApiException.class, (e, ctx) -> {
            if (e.retryAfter() != null) {
                ctx.header("Retry-After", Long.toString(Math.max(1, e.retryAfter().toSeconds())));
            }
            e.headers().forEach(ctx::header);
            respond(ctx, e.status(), e.error(), e.detail());
        });
        app.exception(UnconfirmedWriteException.class, (e, ctx) -> {
            log.warn("Webhook write not confirmed for {} {}: {}", ctx.method(), ctx.path(), String.valueOf(e.getCause()));
            ctx.header("Retry-After", Long.toString(Math.max(1, e.untilExpiry().toSeconds() + 1)));
            respond(ctx, 503, "unavailable", "Kafka or the subscriptions' owner did not confirm the change in time. It "
                    + "may still apply until " + e.expiresAt() + ", never after: read the webhook then to see whether it "
                    + "did, before repeating the change (an If-Match makes repeating it safe)");
        });
        app.exception(HttpResponseException.class, (e, ctx) -> {
            if (e.getStatus() == 405) {
                methodNotAllowed(ctx, e.getDetails().get("availableMethods"));
                return;
            }
            respond(ctx, e.getStatus(), codeOf(e.getStatus()), e.getDetails().isEmpty() ? e.getMessage()
                    : Map.of("message", e.getMessage(), "details", e.getDetails()));
        });
        app.exception(BadMessageException.class, (e, ctx) ->
                respond(ctx, e.getCode() < 500 ? e.getCode() : 400, "bad_request", e.getReason()));
        app.exception(KafkaException.class, (e, ctx) -> {
            log.warn("Kafka did not serve {} {}: {}", ctx.method(), ctx.path(), e.toString());
            ctx.header("Retry-After", Long.toString(BROKER_RETRY_AFTER.toSeconds()));
            respond(ctx, 503, "unavailable", "Kafka did not answer (" + e.getClass().getSimpleName() + "); retry later");
        });
        app.exception(Exception.class, (e, ctx) -> {
            try {
                log.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
                respond(ctx, 500, "internal_error", "the request failed on our side; it has been logged");
            } catch (RuntimeException requestGone) {
                // The request ended before its answer (the server stopped while it waited for Kafka): nothing is left
                // to answer. Thrown on, this would be handled here again, on and on, on the thread that completed it.
                log.warn("Could not answer a request that had ended: {}", e.toString());
            }
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, "not_found", noSuchResource(ctx));
            }
        });
    }

    /** A 405 names the methods the route has, in {@code Allow} as RFC 9110 requires, and in its message. */
    private static void methodNotAllowed(Context ctx, String allowed) {
        if (allowed == null || allowed.isBlank()) {
            respond(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path());
            return;
        }
        ctx.header("Allow", allowed);
        respond(ctx, 405, "method_not_allowed", ctx.method() + " is not allowed on " + ctx.path() + "; it takes "
                + allowed);
    }

    /** What a 404 says of a route that does not exist, or that the caller may not know of. */
    static String noSuchResource(Context ctx) {
        return "no such resource: " + ctx.method() + " " + ctx.path();
    }

    /**
     * {@code future}, failing with a 503 {@link ApiException} when it is not done within {@code timeout} or fails
     * because Kafka did not answer; other failures pass unchanged.
     */
    static <T> CompletableFuture<T> within(CompletableFuture<T> future, Duration timeout, String what) {
        return future.orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS).handle((value, error) -> {
            if (error == null) {
                return value;
            }
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof TimeoutException || cause instanceof KafkaException) {
                throw ApiException.unavailable(what + " (" + cause.getClass().getSimpleName() + "); retry later",
                        BROKER_RETRY_AFTER);
            }
            throw cause instanceof RuntimeException runtime ? runtime : new CompletionException(cause);
        });
    }

    static void respond(Context ctx, int status, String error, Object detail) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        body.put("detail", detail);
        ctx.status(status).json(body);
    }

    private static String codeOf(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 412 -> "precondition_failed";
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status < 500 ? "bad_request" : "internal_error";
        };
    }
}
