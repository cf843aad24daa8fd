package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.EventValidator;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.model.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

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
            return refused(Violation.NOT_JSON, "not valid JSON: " + firstLine(e.getMessage()), value);
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
            return refused(Violation.WRONG_TYPE, "not a valid subscription: " + firstLine(e.getMessage()), value);
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

    private static ParsedSubscription refused(String reason, String detail, byte[] value) {
        return new ParsedSubscription(null, new Refusal(reason, detail, value));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unreadable input";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
