package com.chatplugify.webhooks.common.subscriptions;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.secrets.SecretCipher;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What a copy of a subscriptions-topic record may show, on {@code chatplugify.subscriptions.invalid}: the record
 * with every plaintext secret value replaced: the {@link #SECRET_FIELDS} of any object (the signing secret, also in
 * {@code retiringSecrets}; a client certificate and its key; an OAuth 2.0 client secret) and every value of a
 * {@code headers} object. Encrypted values stay, being no more readable there than in the topic.
 * A value that is not JSON cannot be told apart from the secrets it may hold, so it is withheld whole; the original
 * stays at its place in the subscriptions topic.
 */
public final class SubscriptionRedaction {

    public static final String REDACTED = "[redacted]";
    /** The fields whose value is a secret wherever they appear. */
    static final List<String> SECRET_FIELDS = List.of("secret", "certificate", "privateKey", "clientSecret");

    /** How a copy differs from the record, if at all. */
    public enum Outcome {
        UNCHANGED, SECRETS_REDACTED, WITHHELD
    }

    /** The value to copy, and how it was made. */
    public record Redacted(byte[] value, Outcome outcome) {
    }

    private SubscriptionRedaction() {
    }

    public static Redacted of(byte[] value) {
        if (value == null) {
            return new Redacted(null, Outcome.UNCHANGED);
        }
        JsonNode tree;
        try {
            tree = Json.strictReader().readTree(value);
        } catch (IOException e) {
            return new Redacted(new byte[0], Outcome.WITHHELD);
        }
        if (tree == null || !redact(tree)) {
            return new Redacted(value, Outcome.UNCHANGED);
        }
        return new Redacted(Json.toBytes(tree), Outcome.SECRETS_REDACTED);
    }

    /** Replaces the plaintext secrets in {@code node} and below; says whether there were any. Iterative: input may nest deeply. */
    private static boolean redact(JsonNode root) {
        boolean changed = false;
        List<JsonNode> pending = new ArrayList<>(List.of(root));
        while (!pending.isEmpty()) {
            JsonNode node = pending.remove(pending.size() - 1);
            if (node instanceof ObjectNode object) {
                for (String field : SECRET_FIELDS) {
                    changed |= replace(object, field);
                }
                if (object.get("headers") instanceof ObjectNode headers) {
                    List<String> names = new ArrayList<>();
                    headers.fieldNames().forEachRemaining(names::add);
                    for (String name : names) {
                        changed |= replace(headers, name);
                    }
                }
                object.fields().forEachRemaining((Map.Entry<String, JsonNode> field) -> pending.add(field.getValue()));
            } else if (node instanceof ArrayNode array) {
                array.forEach(pending::add);
            }
        }
        return changed;
    }

    private static boolean replace(ObjectNode object, String field) {
        JsonNode value = object.get(field);
        if (value == null || value.isNull() || value.isContainerNode()
                || (value.isTextual() && (SecretCipher.isSealed(value.textValue()) || REDACTED.equals(value.textValue())))) {
            return false;
        }
        object.set(field, TextNode.valueOf(REDACTED));
        return true;
    }
}
