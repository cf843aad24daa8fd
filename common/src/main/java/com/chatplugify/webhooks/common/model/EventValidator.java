package com.chatplugify.webhooks.common.model;

import com.chatplugify.webhooks.common.json.IsoInstants;
import com.chatplugify.webhooks.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * The one place that decides whether an event envelope is acceptable, for the API, the router and the
 * {@code EventPublisher} alike. It never throws for bad input: it returns every violation it finds.
 */
public final class EventValidator {

    /** Events larger than this, as JSON, are refused. */
    public static final int MAX_EVENT_BYTES = 256 * 1024;
    /** The longest {@code id} and {@code workspaceId} accepted. */
    public static final int MAX_ID_LENGTH = 128;
    /**
     * How deep an event may nest, counting the envelope as level 1 and {@code data} as level 2: as deep as the
     * strictest common JSON parsers read by default (.NET's System.Text.Json), and far from the limit of our own, so
     * that what is accepted can also be written wrapped in a delivery, read back and sent.
     */
    public static final int MAX_NESTING_DEPTH = 64;
    /**
     * The earliest {@code timestamp} accepted. Earlier ones are typing errors or placeholders, not events; and an
     * event's age must stay a number every consumer can measure (centuries overflow {@link Duration#toNanos()}).
     */
    public static final Instant EARLIEST_TIMESTAMP = Instant.EPOCH;
    /**
     * How far past {@code now} a {@code timestamp} may lie: clocks disagree by seconds, not by days, so a later one
     * is a mistake (a wrong zone, milliseconds read as seconds).
     */
    public static final Duration MAX_TIMESTAMP_AHEAD = Duration.ofDays(1);

    /** The envelope's fields; {@code data} holds the publisher's own, which are never checked. */
    public static final Set<String> ENVELOPE_FIELDS = Set.of("id", "event", "timestamp", "workspaceId", "data");

    private EventValidator() {
    }

    /** The outcome of a validation: a {@link Valid} event or the {@link Invalid} reasons. */
    public sealed interface Result permits Valid, Invalid {
    }

    public record Valid(Event event) implements Result {
    }

    public record Invalid(List<Violation> violations) implements Result {

        public Invalid {
            violations = List.copyOf(violations);
        }

        /** The reason of the first violation; what the invalid-events metric counts. */
        public String reason() {
            return violations.get(0).reason();
        }
    }

    /**
     * Validates raw bytes as read from Kafka, assigning {@code id} and {@code timestamp} when absent.
     *
     * @param now what a given {@code timestamp} may lie at most {@link #MAX_TIMESTAMP_AHEAD} after
     */
    public static Result validate(byte[] json, Supplier<String> idIfAbsent, Supplier<Instant> timestampIfAbsent,
                                  Instant now) {
        if (json == null) {
            return invalid(Violation.MISSING_FIELD, "", "the record has no value");
        }
        if (json.length > MAX_EVENT_BYTES) {
            return invalid(Violation.TOO_LARGE, "", "the event is " + json.length + " bytes; at most "
                    + MAX_EVENT_BYTES + " are accepted");
        }
        JsonNode node;
        try {
            node = Json.strictReader().readTree(json);
        } catch (IOException e) {
            return invalid(Violation.NOT_JSON, "", "not valid JSON: " + firstLine(e.getMessage()));
        }
        return validate(node, idIfAbsent, timestampIfAbsent, now);
    }

    /**
     * Validates a parsed envelope, assigning {@code id} and {@code timestamp} when absent.
     *
     * @param now what a given {@code timestamp} may lie at most {@link #MAX_TIMESTAMP_AHEAD} after
     */
    public static Result validate(JsonNode node, Supplier<String> idIfAbsent, Supplier<Instant> timestampIfAbsent,
                                  Instant now) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            return invalid(Violation.NOT_JSON, "", "empty input");
        }
        if (!node.isObject()) {
            return invalid(Violation.NOT_AN_OBJECT, "", "an event is a JSON object, not " + describe(node));
        }
        List<Violation> violations = new ArrayList<>();
        String type = requiredText(node, "event", violations);
        if (type != null && !EventTypes.DOMAIN.contains(type)) {
            violations.add(new Violation(Violation.UNKNOWN_EVENT_TYPE, "event", EventTypes.WEBHOOK_TEST.equals(type)
                    ? "'webhook.test' is sent only by POST /v1/webhooks/{id}/test"
                    : "unknown event type '" + type + "'; known types are " + EventTypes.DOMAIN));
        }
        String workspaceId = requiredText(node, "workspaceId", violations);
        checkIdentifier(workspaceId, "workspaceId", violations);

        JsonNode data = node.get("data");
        if (data == null || data.isNull()) {
            violations.add(new Violation(Violation.MISSING_FIELD, "data", "'data' is required"));
        } else if (!data.isObject()) {
            violations.add(new Violation(Violation.DATA_NOT_OBJECT, "data", "'data' must be a JSON object, not "
                    + describe(data)));
        } else if (1 + depth(data) > MAX_NESTING_DEPTH) {
            violations.add(new Violation(Violation.TOO_DEEP, "data", "the event nests more than " + MAX_NESTING_DEPTH
                    + " levels of objects and arrays deep; many receivers could not read it"));
        }

        String id = optionalText(node, "id", violations);
        checkIdentifier(id, "id", violations);
        Instant timestamp = optionalTimestamp(node, now, violations);

        if (!violations.isEmpty()) {
            return new Invalid(violations);
        }
        return new Valid(new Event(
                id != null ? id : idIfAbsent.get(),
                type,
                timestamp != null ? timestamp : timestampIfAbsent.get(),
                workspaceId,
                (ObjectNode) data));
    }

    /** Levels of objects and arrays in {@code node}, itself included; iterative, as input may nest deeply. */
    private static int depth(JsonNode node) {
        int deepest = 0;
        Deque<Map.Entry<JsonNode, Integer>> pending = new ArrayDeque<>();
        pending.push(Map.entry(node, 1));
        while (!pending.isEmpty()) {
            Map.Entry<JsonNode, Integer> next = pending.pop();
            deepest = Math.max(deepest, next.getValue());
            for (JsonNode child : next.getKey()) {
                if (child.isContainerNode()) {
                    pending.push(Map.entry(child, next.getValue() + 1));
                }
            }
        }
        return deepest;
    }

    private static String requiredText(JsonNode node, String field, List<Violation> violations) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            violations.add(new Violation(Violation.MISSING_FIELD, field, "'" + field + "' is required"));
            return null;
        }
        return text(value, field, violations);
    }

    private static String optionalText(JsonNode node, String field, List<Violation> violations) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : text(value, field, violations);
    }

    private static String text(JsonNode value, String field, List<Violation> violations) {
        if (!value.isTextual()) {
            violations.add(new Violation(Violation.WRONG_TYPE, field, "'" + field + "' must be a string, not "
                    + describe(value)));
            return null;
        }
        return value.textValue();
    }

    private static void checkIdentifier(String value, String field, List<Violation> violations) {
        if (value == null) {
            return;
        }
        if (value.isBlank() || value.length() > MAX_ID_LENGTH || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            violations.add(new Violation(Violation.INVALID_VALUE, field, "'" + field + "' must be 1 to "
                    + MAX_ID_LENGTH + " printable ASCII characters without spaces"));
        }
    }

    private static Instant optionalTimestamp(JsonNode node, Instant now, List<Violation> violations) {
        String text = optionalText(node, "timestamp", violations);
        if (text == null) {
            return null;
        }
        Instant timestamp;
        try {
            timestamp = IsoInstants.parse(text);
        } catch (DateTimeParseException e) {
            violations.add(new Violation(Violation.INVALID_TIMESTAMP, "timestamp",
                    "'timestamp' must be ISO-8601 with a zone, such as 2024-01-15T10:30:00Z; got '"
                            + abbreviate(text) + "'"));
            return null;
        }
        Instant latest = now.plus(MAX_TIMESTAMP_AHEAD);
        if (timestamp.isBefore(EARLIEST_TIMESTAMP) || timestamp.isAfter(latest)) {
            violations.add(new Violation(Violation.INVALID_TIMESTAMP, "timestamp", "'timestamp' must lie between "
                    + EARLIEST_TIMESTAMP + " and a day from now (" + latest + "); got '" + abbreviate(text) + "'"));
            return null;
        }
        return timestamp;
    }

    private static Invalid invalid(String reason, String field, String message) {
        return new Invalid(List.of(new Violation(reason, field, message)));
    }

    private static String describe(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> node.getNodeType().name().toLowerCase();
        };
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
