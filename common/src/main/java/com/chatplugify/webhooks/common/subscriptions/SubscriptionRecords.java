package com.chatplugify.webhooks.common.subscriptions;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.EventValidator;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.model.WebhookIds;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * What a record of the subscriptions topic must be to count as a webhook: one JSON {@link Subscription} keyed by its
 * own id, with a URL deliveries could go to and event filters the API would accept. The router and every view of the
 * webhooks decide by these rules, so a record one of them refuses is refused by all, and none stops on it.
 */
public final class SubscriptionRecords {

    /** A record read by the rules: the webhook, or why it is not one (a {@link Violation} code and a detail). */
    public record Read(Subscription subscription, String violation, String detail) {

        public boolean valid() {
            return violation == null;
        }
    }

    private SubscriptionRecords() {
    }

    /**
     * Reads a record that is not a tombstone. Its detail never quotes the record: a subscription holds secrets.
     *
     * @param key the record's key, null when it has none
     */
    public static Read read(String key, byte[] value) {
        if (key == null) {
            return refused(Violation.KEY_MISMATCH, "the record has no key; a subscription is keyed by its webhook id");
        }
        JsonNode node;
        try {
            node = Json.strictReader().readTree(value);
        } catch (IOException e) {
            return refused(Violation.NOT_JSON, "not valid JSON" + location(e));
        }
        if (node == null || !node.isObject()) {
            return refused(Violation.NOT_AN_OBJECT, "a subscription is a JSON object");
        }
        for (String field : new String[] {"id", "workspaceId", "url"}) {
            JsonNode text = node.get(field);
            if (text == null || text.isNull()) {
                return refused(Violation.MISSING_FIELD, "'" + field + "' is required");
            }
            if (!text.isTextual()) {
                return refused(Violation.WRONG_TYPE, "'" + field + "' must be a string");
            }
        }
        String id = node.get("id").textValue();
        Optional<String> badId = WebhookIds.problem(id);
        if (badId.isPresent()) {
            return refused(Violation.INVALID_VALUE, "'id' " + badId.get());
        }
        if (!isIdentifier(node.get("workspaceId").textValue())) {
            return refused(Violation.INVALID_VALUE, "'workspaceId' must be 1 to "
                    + EventValidator.MAX_ID_LENGTH + " printable ASCII characters without spaces");
        }
        if (!id.equals(key)) {
            return refused(Violation.KEY_MISMATCH, "the record key differs from the subscription's id '" + id + "'");
        }
        Subscription subscription;
        try {
            subscription = Json.mapper().treeToValue(node, Subscription.class);
        } catch (IOException | IllegalArgumentException e) {
            return refused(Violation.WRONG_TYPE, "not a valid subscription" + field(e));
        }
        Optional<String> badUrl = urlProblem(subscription.url());
        if (badUrl.isPresent()) {
            return refused(Violation.INVALID_VALUE, "'url' " + badUrl.get());
        }
        for (String filter : subscription.events()) {
            Optional<String> badFilter = EventFilter.problem(filter);
            if (badFilter.isPresent()) {
                return refused(Violation.UNKNOWN_EVENT_TYPE, "'events': " + badFilter.get());
            }
        }
        return new Read(subscription, null, null);
    }

    private static Read refused(String violation, String detail) {
        return new Read(null, violation, detail);
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
