package com.chatplugify.webhooks.ingest.idempotency;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * What makes two requests under one key "the same": the route and the body as JSON, whatever the order of the
 * objects' fields or the whitespace. Numbers compare as written ({@code 1.0} is not {@code 1}).
 */
public final class RequestFingerprint {

    private RequestFingerprint() {
    }

    public static String of(String route, JsonNode body) {
        StringBuilder canonical = new StringBuilder(route).append('\n');
        write(body, canonical);
        return IdempotencyKey.sha256(canonical.toString());
    }

    private static void write(JsonNode node, StringBuilder out) {
        if (node.isObject()) {
            List<String> names = new ArrayList<>();
            node.fieldNames().forEachRemaining(names::add);
            names.sort(null);
            out.append('{');
            for (int i = 0; i < names.size(); i++) {
                out.append(i == 0 ? "" : ",").append(quoted(names.get(i))).append(':');
                write(node.get(names.get(i)), out);
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(node.get(i), out);
            }
            out.append(']');
        } else {
            out.append(node.toString());
        }
    }

    private static String quoted(String name) {
        return com.fasterxml.jackson.databind.node.TextNode.valueOf(name).toString();
    }
}
