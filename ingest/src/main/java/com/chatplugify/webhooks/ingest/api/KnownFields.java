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
        List<Violation> violations = new ArrayList<>();
        if (object == null || !object.isObject()) {
            return violations;
        }
        object.fieldNames().forEachRemaining(field -> {
            if (!accepted.contains(field)) {
                violations.add(new Violation(Violation.UNKNOWN_FIELD, field, readOnly.contains(field)
                        ? "'" + field + "' is set by the server and cannot be sent; leave it out"
                        : "unknown field '" + field + "'; the fields accepted here are " + new TreeSet<>(accepted)));
            }
        });
        return violations;
    }
}
