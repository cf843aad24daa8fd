package com.chatplugify.webhooks.ingest.owner;

import com.chatplugify.webhooks.common.model.Redaction;
import com.chatplugify.webhooks.common.model.Violation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The headers a write asks for, where a value given as the mask ({@value Redaction#MASK}, as every answer shows a
 * header value) keeps the current value of that header (names compared without case): a client that read the
 * webhook, changed its URL and sent it back keeps its headers. The mask of a header the webhook does not have is
 * refused, never stored. Decided by the owner, against the webhook as it is when the write applies.
 *
 * @param violations empty when {@code headers} can be written
 */
record MaskedHeaders(Map<String, String> headers, List<Violation> violations) {

    static MaskedHeaders resolve(Map<String, String> requested, Map<String, String> current) {
        Map<String, String> headers = new LinkedHashMap<>();
        List<Violation> violations = new ArrayList<>();
        requested.forEach((name, value) -> {
            if (!Redaction.MASK.equals(value)) {
                headers.put(name, value);
                return;
            }
            current.entrySet().stream().filter(header -> header.getKey().equalsIgnoreCase(name)).findFirst()
                    .ifPresentOrElse(header -> headers.put(name, header.getValue()), () -> violations.add(new Violation(
                            Violation.INVALID_VALUE, "headers", "the value of '" + name + "' is " + Redaction.MASK
                            + ", which keeps a hidden value, but the webhook has no such header; give the value")));
        });
        return new MaskedHeaders(headers, List.copyOf(violations));
    }
}
