package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.io.IOException;

/** Reads request bodies as JSON, refusing what is too large or not JSON with the right 4xx. */
final class JsonBodies {

    private JsonBodies() {
    }

    static JsonNode read(Context ctx, int maxBytes) {
        byte[] body = ctx.bodyAsBytes();
        if (body.length > maxBytes) {
            throw new ApiException(413, "too_large", "the body is " + body.length + " bytes; at most " + maxBytes
                    + " are accepted here");
        }
        if (body.length == 0) {
            throw ApiException.badRequest("not_json", "the request has no body; send a JSON document");
        }
        try {
            return Json.mapper().readTree(body);
        } catch (IOException e) {
            String message = e.getMessage() == null ? "unreadable" : e.getMessage().split("\n", 2)[0];
            throw ApiException.badRequest("not_json", "the body is not valid JSON: " + message);
        }
    }
}
