package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The fields a JSON body of the API may hold. Any other is refused with {@link Violation#UNKNOWN_FIELD} naming it,
 * as Stripe does: a typo such as {@code "ordring"} or {@code "webhookID"} would otherwise be dropped silently, and
 * a replay meant for one webhook would replay them all.
 *
 * @param accepted the fields the call reads
 * @param readOnly fields the API answers with but does not take (sent back after a GET, say)
 */
record KnownFields(Set<String> accepted, Set<String> readOnly) {

    KnownFields {
        accepted = Set.copyOf(accepted);
        readOnly = Set.copyOf(readOnly);
    }

    static KnownFields of(Set<String> accepted) {
        return new KnownFields(accepted, Set.of());
    }

    /** One violation per field of {@code object} that is not {@link #accepted}, in the order they came. */
    List<Violation> unknownIn(JsonNode object) {
        return unknownIn(object, "");
    }

    /** As {@link #unknownIn(JsonNode)} for the object at {@code parent}, whose fields are named {@code parent.field}. */
    List<Violation> unknownIn(JsonNode object, String parent) {
        List<Violation> violations = new ArrayList<>();
        if (object == null || !object.isObject()) {
            return violations;
        }
        object.fieldNames().forEachRemaining(field -> {
            if (!accepted.contains(field)) {
                String path = WebhookRequest.path(parent, field);
                violations.add(new Violation(Violation.UNKNOWN_FIELD, path, readOnly.contains(field)
                        ? "'" + path + "' is set by the server and cannot be sent; leave it out"
                        : "unknown field '" + path + "'; the fields accepted here are " + new TreeSet<>(accepted)));
            }
        });
        return violations;
    }
}
