package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.ingest.deadletters.DeadLetterQuery;
import com.chatplugify.webhooks.ingest.deadletters.InvalidCursorException;
import com.chatplugify.webhooks.ingest.deadletters.ScanCursor;
import com.chatplugify.webhooks.ingest.paging.ListPosition;
import com.fasterxml.jackson.databind.JsonNode;
import io.javalin.http.Context;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/**
 * The parameters of a call that lists or filters (dead letters, attempts, webhooks), from the query string of a GET or the JSON body of a POST, checked the
 * same way: every problem is collected and refused in one 400. In a body, null means absent and an empty string is
 * refused; in a query, an empty value means absent, as a form leaves an unused field.
 */
final class RequestParameters {

    private final Function<String, Object> source;
    private final List<Violation> violations = new ArrayList<>();

    private RequestParameters(Function<String, Object> source) {
        this.source = source;
    }

    static RequestParameters ofQuery(Context ctx) {
        return new RequestParameters(ctx::queryParam);
    }

    /**
     * @param body   a JSON object, or null for none
     * @param fields what it may hold; any other field is refused, lest a misspelt filter widen the call
     */
    static RequestParameters ofBody(JsonNode body, KnownFields fields) {
        if (body != null && !body.isObject()) {
            throw ApiException.badRequest("invalid_request", "the body, when given, is a JSON object");
        }
        List<Violation> unknown = fields.unknownIn(body);
        if (!unknown.isEmpty()) {
            throw ApiException.badRequest("invalid_parameter", unknown);
        }
        return new RequestParameters(name -> {
            JsonNode value = body == null ? null : body.get(name);
            return value == null || value.isNull() ? null : value;
        });
    }

    /** The filters; refuses the call when they, or any parameter read before, are unusable. */
    DeadLetterQuery deadLetterQuery() {
        DeadLetterQuery query = new DeadLetterQuery(text("workspaceId"), text("webhookId"), text("event"), text("reason"),
                instant("from"), instant("to"));
        if (violations.isEmpty()) {
            violations.addAll(query.problems());
        }
        check();
        return query;
    }

    ScanCursor cursor() {
        String text = text("cursor");
        check();
        if (text == null) {
            return null;
        }
        try {
            return ScanCursor.decode(text);
        } catch (InvalidCursorException e) {
            throw invalidCursor(e);
        }
    }

    /** Where a page of a list ordered by time and id starts: after the position {@code cursor} encodes, if given. */
    ListPosition position() {
        String text = text("cursor");
        check();
        if (text == null) {
            return null;
        }
        try {
            return ListPosition.decode(text);
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest("invalid_parameter", List.of(new Violation(Violation.INVALID_VALUE, "cursor",
                    e.getMessage() + "; pass nextCursor as it was returned")));
        }
    }

    /** The answer to a cursor that no listing or replay wrote, found when it is read or when its scan opens. */
    static ApiException invalidCursor(InvalidCursorException e) {
        return ApiException.badRequest("invalid_parameter", List.of(new Violation(Violation.INVALID_VALUE, "cursor",
                e.getMessage() + "; pass nextCursor as it was returned")));
    }

    int integer(String name, int absent, int min, int max) {
        Object value = source.apply(name);
        if (value == null) {
            return absent;
        }
        long number;
        if (value instanceof JsonNode node && node.canConvertToLong() && node.isIntegralNumber()) {
            number = node.longValue();
        } else {
            try {
                number = value instanceof String text ? Long.parseLong(text.trim()) : Long.MIN_VALUE;
            } catch (NumberFormatException e) {
                number = Long.MIN_VALUE;
            }
        }
        if (number < min || number > max) {
            throw ApiException.badRequest("invalid_parameter", List.of(new Violation(Violation.INVALID_VALUE, name,
                    "'" + name + "' must be a whole number from " + min + " to " + max)));
        }
        return (int) number;
    }

    boolean bool(String name, boolean absent) {
        Object value = source.apply(name);
        if (value == null) {
            return absent;
        }
        if (value instanceof JsonNode node && node.isBoolean()) {
            return node.booleanValue();
        }
        if (value instanceof String text && (text.equals("true") || text.equals("false"))) {
            return Boolean.parseBoolean(text);
        }
        throw ApiException.badRequest("invalid_parameter", List.of(new Violation(Violation.WRONG_TYPE, name,
                "'" + name + "' must be true or false")));
    }

    private String text(String name) {
        Object value = source.apply(name);
        if (value == null) {
            return null;
        }
        if (value instanceof JsonNode node) {
            if (!node.isTextual()) {
                violations.add(new Violation(Violation.WRONG_TYPE, name, "'" + name + "' must be a string"));
                return null;
            }
            if (node.textValue().isBlank()) {
                // Read as "no filter", an empty value (a caller's unset variable) would widen the call to everything.
                violations.add(new Violation(Violation.INVALID_VALUE, name, "'" + name + "' must not be empty; leave "
                        + "it out, or give null, not to filter on it"));
                return null;
            }
            value = node.textValue();
        }
        String text = ((String) value).trim();
        return text.isEmpty() ? null : text;
    }

    private Instant instant(String name) {
        String text = text(name);
        if (text == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException e) {
            violations.add(new Violation(Violation.INVALID_TIMESTAMP, name, "'" + name
                    + "' must be ISO-8601 with a zone, such as 2024-01-15T10:30:00Z"));
            return null;
        }
    }

    private void check() {
        if (!violations.isEmpty()) {
            throw ApiException.badRequest("invalid_parameter", List.copyOf(violations));
        }
    }
}
