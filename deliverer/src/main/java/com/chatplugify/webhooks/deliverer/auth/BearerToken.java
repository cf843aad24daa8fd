package com.chatplugify.webhooks.deliverer.auth;

import java.time.Instant;

/**
 * An OAuth 2.0 access token, sent as {@code Authorization: Bearer <value>}.
 *
 * @param refreshAt from when a new one is fetched rather than this one used: shortly before it expires
 */
public record BearerToken(String value, Instant refreshAt) {

    /** Whether it may still be sent at {@code now}. */
    public boolean usableAt(Instant now) {
        return now.isBefore(refreshAt);
    }

    /** Never the token. */
    @Override
    public String toString() {
        return "BearerToken[value=********, refreshAt=" + refreshAt + "]";
    }
}
