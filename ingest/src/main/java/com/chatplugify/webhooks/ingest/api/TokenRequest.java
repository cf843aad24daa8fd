package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.ingest.tokens.NewToken;
import com.chatplugify.webhooks.ingest.tokens.Permission;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** The body of {@code POST /v1/tokens}, validated: every problem is collected with its field, in one 400. */
final class TokenRequest {

    static final int MAX_NAME_LENGTH = 100;
    private static final KnownFields FIELDS = KnownFields.of(Set.of("name", "workspaceId", "permissions", "expiresAt"));

    private TokenRequest() {
    }

    /** @throws ApiException 400 with every violation */
    static NewToken parse(JsonNode body, Instant now) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("invalid_token", List.of(new Violation(Violation.NOT_AN_OBJECT, "",
                    "a token is a JSON object such as {\"name\": \"CRM\", \"workspaceId\": \"ws_456\", "
                            + "\"permissions\": [\"read\"]}")));
        }
        List<Violation> violations = new ArrayList<>(FIELDS.unknownIn(body));
        String name = WebhookRequest.text(body, "name", true, violations);
        if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
            violations.add(new Violation(Violation.INVALID_VALUE, "name", "'name' must be 1 to " + MAX_NAME_LENGTH
                    + " characters, not only spaces"));
        } else if (name != null && name.chars().anyMatch(Character::isISOControl)) {
            // The name is shown in terminals (bin/webhooks tokens) and the console, where an escape sequence would act.
            violations.add(new Violation(Violation.INVALID_VALUE, "name", "'name' must not contain control characters "
                    + "(line breaks, tabs, escapes, NUL)"));
        }
        String workspaceId = WebhookRequest.text(body, "workspaceId", true, violations);
        WebhookRequest.checkIdentifier(workspaceId, "workspaceId", violations);
        Set<Permission> permissions = permissions(body.get("permissions"), violations);
        Instant expiresAt = expiresAt(WebhookRequest.text(body, "expiresAt", false, violations), now, violations);
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("invalid_token", violations);
        }
        return new NewToken(name, workspaceId, permissions, expiresAt);
    }

    private static Set<Permission> permissions(JsonNode value, List<Violation> violations) {
        String expected = "'permissions' is a non-empty array of " + Permission.codes();
        if (value == null || value.isNull()) {
            violations.add(new Violation(Violation.MISSING_FIELD, "permissions", expected));
            return Set.of();
        }
        if (!value.isArray() || value.isEmpty()) {
            violations.add(new Violation(Violation.WRONG_TYPE, "permissions", expected));
            return Set.of();
        }
        Set<Permission> permissions = EnumSet.noneOf(Permission.class);
        for (JsonNode item : value) {
            Optional<Permission> permission = item.isTextual() ? Permission.ofCode(item.textValue()) : Optional.empty();
            if (permission.isEmpty()) {
                violations.add(new Violation(Violation.INVALID_VALUE, "permissions", "unknown permission " + item
                        + "; " + expected));
            } else if (!permissions.add(permission.get())) {
                violations.add(new Violation(Violation.INVALID_VALUE, "permissions", "'" + item.textValue()
                        + "' is given twice"));
            }
        }
        return permissions;
    }

    private static Instant expiresAt(String text, Instant now, List<Violation> violations) {
        if (text == null) {
            return null;
        }
        try {
            Instant expiresAt = OffsetDateTime.parse(text).toInstant();
            if (!expiresAt.isAfter(now)) {
                violations.add(new Violation(Violation.INVALID_VALUE, "expiresAt", "'expiresAt' must be in the future"));
            }
            return expiresAt;
        } catch (DateTimeParseException e) {
            violations.add(new Violation(Violation.INVALID_TIMESTAMP, "expiresAt",
                    "'expiresAt' must be ISO-8601 with a zone, such as 2030-01-15T10:30:00Z"));
            return null;
        }
    }
}
