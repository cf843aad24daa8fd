package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.ingest.tokens.ApiTokens;
import com.chatplugify.webhooks.ingest.tokens.Authentication;
import com.chatplugify.webhooks.ingest.tokens.TokenSecret;
import io.javalin.http.Context;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;

/**
 * Who {@code Authorization: Bearer <token>} says the caller is: the admin, whose {@code api.token} is compared in
 * constant time, or the holder of a workspace token. Anything else is a 401; an empty admin token is never a match.
 */
final class BearerAuth {

    private static final String PREFIX = "Bearer ";
    private static final Duration VIEW_BEHIND_RETRY_AFTER = Duration.ofSeconds(1);

    private final byte[] adminToken;
    private final ApiTokens tokens;

    /** @throws IllegalArgumentException for a missing or blank admin token, which would let empty credentials in */
    BearerAuth(String adminToken, ApiTokens tokens) {
        if (adminToken == null || adminToken.isBlank()) {
            throw new IllegalArgumentException("the API token must not be empty or blank");
        }
        this.adminToken = adminToken.getBytes(StandardCharsets.UTF_8);
        this.tokens = tokens;
    }

    Caller authenticate(Context ctx) {
        String presented = presentedToken(ctx);
        if (presented.isEmpty()) {
            throw unauthorized("send Authorization: Bearer <api token>");
        }
        if (MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), adminToken)) {
            return new Caller.Admin();
        }
        if (!TokenSecret.looksLikeOne(presented)) {
            throw unauthorized("this token is not accepted");
        }
        Authentication authentication = tokens.authenticate(presented);
        if (authentication instanceof Authentication.Valid valid) {
            return new Caller.WorkspaceMember(valid.token());
        }
        if (authentication instanceof Authentication.Expired expired) {
            throw unauthorized("this token expired at " + expired.at());
        }
        if (authentication instanceof Authentication.ViewBehind behind) {
            throw ApiException.unavailable("workspace tokens cannot be checked on this instance now: its copy of "
                    + "them has not been confirmed current for " + behind.staleness().toSeconds() + " s (at most "
                    + tokens.maxStaleness().toSeconds() + " s are allowed); retry shortly", VIEW_BEHIND_RETRY_AFTER);
        }
        throw unauthorized("this token is not accepted");
    }

    private static ApiException unauthorized(String detail) {
        return new ApiException(401, "unauthorized", detail).withHeader("WWW-Authenticate", "Bearer");
    }

    /** The bearer token of the request, or empty. */
    static String presentedToken(Context ctx) {
        String header = ctx.header("Authorization");
        return header != null && header.regionMatches(true, 0, PREFIX, 0, PREFIX.length())
                ? header.substring(PREFIX.length()).trim() : "";
    }
}
