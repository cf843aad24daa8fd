package com.chatplugify.webhooks.ingest.api;

import io.javalin.http.Context;
import java.util.Collections;
import java.util.List;

/**
 * Request headers the API reads one value of ({@code If-Match}, {@code Idempotency-Key}). Two lines of one header
 * mean the same as one line with both values, comma-separated (RFC 9110 5.3), which these headers refuse: so are
 * two lines, rather than the first being read and the others dropped.
 */
final class SingleHeaders {

    private SingleHeaders() {
    }

    /** The header's value, or null without one; refuses a header given more than once with 400 invalid_header. */
    static String value(Context ctx, String name) {
        List<String> lines = Collections.list(ctx.req().getHeaders(name));
        if (lines.size() > 1) {
            throw ApiException.badRequest("invalid_header", name + ": give it once; this request has it "
                    + lines.size() + " times");
        }
        return lines.isEmpty() ? null : lines.get(0);
    }
}
