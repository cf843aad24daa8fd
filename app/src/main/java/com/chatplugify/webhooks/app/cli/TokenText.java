package com.chatplugify.webhooks.app.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;

/** A token of {@code /v1/tokens} as the CLI prints it: one field a line, never its secret. */
final class TokenText {

    private TokenText() {
    }

    static void print(PrintWriter out, JsonNode token) {
        List<String> permissions = new ArrayList<>();
        token.get("permissions").forEach(permission -> permissions.add(permission.asText()));
        out.println("id:          " + token.get("id").asText());
        out.println("name:        " + token.get("name").asText());
        out.println("workspace:   " + token.get("workspaceId").asText());
        out.println("permissions: " + String.join(", ", permissions));
        out.println("created:     " + token.get("createdAt").asText());
        out.println("expires:     " + orElse(token, "expiresAt", "never")
                + (token.path("expired").asBoolean() ? " (expired)" : ""));
        out.println("last used:   " + orElse(token, "lastUsedAt", "never"));
        out.println("ends with:   ..." + token.get("hint").asText());
    }

    private static String orElse(JsonNode token, String field, String absent) {
        JsonNode value = token.get(field);
        return value == null || value.isNull() ? absent : value.asText();
    }
}
