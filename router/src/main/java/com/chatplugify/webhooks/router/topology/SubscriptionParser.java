package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.EventValidator;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionRedaction;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Validates raw records of the subscriptions topic: a JSON {@link Subscription} keyed by its own id, with a URL
 * deliveries could go to and event filters the API would accept, or a tombstone. Anything else is refused with a
 * {@link Violation} code, so that one bad record never stops the router nor reaches its routes.
 */
final class SubscriptionParser {

    private SubscriptionParser() {
    }

    static ParsedSubscription parse(String key, byte[] value) {
        if (key == null) {
            return refused(Violation.KEY_MISMATCH, "the record has no key; a subscription is keyed by its webhook id", value);
        }
        if (value == null) {
            return ParsedSubscription.DELETED;
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(value);
        } catch (IOException e) {
            return refused(Violation.NOT_JSON, "not valid JSON" + location(e), value);
        }
        if (node == null || !node.isObject()) {
            return refused(Violation.NOT_AN_OBJECT, "a subscription is a JSON object", value);
        }
        for (String field : new String[] {"id", "workspaceId", "url"}) {
            JsonNode text = node.get(field);
            if (text == null || text.isNull()) {
                return refused(Violation.MISSING_FIELD, "'" + field + "' is required", value);
            }
            if (!text.isTextual()) {
                return refused(Violation.WRONG_TYPE, "'" + field + "' must be a string", value);
            }
        }
        String id = node.get("id").textValue();
        if (!isIdentifier(id) || !isIdentifier(node.get("workspaceId").textValue())) {
            return refused(Violation.INVALID_VALUE, "'id' and 'workspaceId' must be 1 to "
                    + EventValidator.MAX_ID_LENGTH + " printable ASCII characters without spaces", value);
        }
        if (!id.equals(key)) {
            return refused(Violation.KEY_MISMATCH, "the record key differs from the subscription's id '" + id + "'", value);
        }
        Subscription subscription;
        try {
            subscription = Json.mapper().treeToValue(node, Subscription.class);
        } catch (IOException | IllegalArgumentException e) {
            return refused(Violation.WRONG_TYPE, "not a valid subscription" + field(e), value);
        }
        Optional<String> badUrl = urlProblem(subscription.url());
        if (badUrl.isPresent()) {
            return refused(Violation.INVALID_VALUE, "'url' " + badUrl.get(), value);
        }
        for (String filter : subscription.events()) {
            Optional<String> badFilter = EventFilter.problem(filter);
            if (badFilter.isPresent()) {
                return refused(Violation.UNKNOWN_EVENT_TYPE, "'events': " + badFilter.get(), value);
            }
        }
        return new ParsedSubscription(WebhookRoute.of(subscription), null);
    }

    /**
     * What makes {@code url} one no delivery could ever be made to, as the API would have refused it; whether its
     * scheme and address are allowed is the deliverer's to decide, by its configuration, at attempt time.
     */
    private static Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of("is not a valid URL: " + e.getMessage());
        }
        if (!"https".equalsIgnoreCase(uri.getScheme()) && !"http".equalsIgnoreCase(uri.getScheme())) {
            return Optional.of("must be an https:// (or http://) URL, not " + (uri.getScheme() == null ? "a relative one"
                    : uri.getScheme() + "://"));
        }
        return uri.getHost() == null ? Optional.of("has no host") : Optional.empty();
    }

    private static boolean isIdentifier(String value) {
        return !value.isEmpty() && value.length() <= EventValidator.MAX_ID_LENGTH
                && value.chars().allMatch(c -> c > 0x20 && c < 0x7f);
    }

    /** The refusal, whose copy of the record shows no plaintext secret ({@link SubscriptionRedaction}). */
    private static ParsedSubscription refused(String reason, String detail, byte[] value) {
        SubscriptionRedaction.Redacted copy = SubscriptionRedaction.of(value);
        String note = switch (copy.outcome()) {
            case UNCHANGED -> "";
            case SECRETS_REDACTED -> " (secret values are redacted in this copy)";
            case WITHHELD -> " (the value is withheld from this copy: as it is not JSON, secrets in it could not be "
                    + "told apart; it stays at its origin offset)";
        };
        return new ParsedSubscription(null, new Refusal(reason, detail + note, copy.value()));
    }

    /** Where the JSON breaks; never the parser's message, which quotes the input, and a subscription holds secrets. */
    private static String location(IOException e) {
        if (e instanceof JsonProcessingException json && json.getLocation() != null) {
            return " (line " + json.getLocation().getLineNr() + ", column " + json.getLocation().getColumnNr() + ")";
        }
        return "";
    }

    /** Which field has the wrong shape, without its value. */
    private static String field(Exception e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            return ": '" + mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")) + "' has the wrong type";
        }
        return "";
    }
}
