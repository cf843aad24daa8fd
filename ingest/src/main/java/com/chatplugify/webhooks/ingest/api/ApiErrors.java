package com.chatplugify.webhooks.ingest.api;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Maps every failure of a request to the JSON error shape; only our own bugs become a 500. */
final class ApiErrors {

    private static final Logger log = LoggerFactory.getLogger(ApiErrors.class);

    private ApiErrors() {
    }

    static void register(Javalin app) {
        app.exception(ApiException.class, (e, ctx) -> respond(ctx, e.status(), e.error(), e.detail()));
        app.exception(HttpResponseException.class, (e, ctx) ->
                respond(ctx, e.getStatus(), codeOf(e.getStatus()), e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            log.error("Unexpected failure answering {} {}", ctx.method(), ctx.path(), e);
            respond(ctx, 500, "internal_error", "the request failed on our side; it has been logged");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                respond(ctx, 404, "not_found", "no such resource: " + ctx.method() + " " + ctx.path());
            }
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
            case 413 -> "too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "unavailable";
            default -> status < 500 ? "bad_request" : "internal_error";
        };
    }
}
