package com.chatplugify.webhooks.ingest.api;

import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Checks {@code Authorization: Bearer <api.token>}, in constant time. An empty token is never a match. */
final class BearerAuth {

    private static final String PREFIX = "Bearer ";

    private final byte[] token;

    /** @throws IllegalArgumentException for a missing or blank token, which would let empty credentials in */
    BearerAuth(String token) {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("the API token must not be empty or blank");
        }
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    void check(Context ctx) {
        byte[] presented = presentedToken(ctx).getBytes(StandardCharsets.UTF_8);
        if (presented.length == 0 || !MessageDigest.isEqual(presented, token)) {
            ctx.header("WWW-Authenticate", "Bearer");
            throw new ApiException(401, "unauthorized", "send Authorization: Bearer <api token>");
        }
    }

    /** The bearer token of the request, or empty. */
    static String presentedToken(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? header.substring(PREFIX.length()).trim() : "";
    }
}
