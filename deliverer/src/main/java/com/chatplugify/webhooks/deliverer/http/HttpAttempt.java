package com.chatplugify.webhooks.deliverer.http;

import java.time.Duration;
import java.util.Optional;

/**
 * What one HTTP attempt produced: a status (with the start of the body and any {@code Retry-After}), or the
 * error that prevented one.
 *
 * @param status     the HTTP status, or 0 when no response was received
 * @param retryAfter the {@code Retry-After} header, as sent
 * @param body       at most the first {@link BoundedResponseConsumer#MAX_BODY_BYTES} bytes of the response body
 * @param error      why no response was received, or null
 * @param refused    whether the request was never sent because the endpoint is not one we deliver to (scheme,
 *                   malformed URL, or an address the SSRF guard refuses)
 * @param sent       whether the request to the endpoint was started; false when it was refused, or when what it
 *                   needed first (its OAuth 2.0 token) could not be had: such an attempt has no HTTP latency
 */
public record HttpAttempt(int status, String retryAfter, byte[] body, Duration latency, String error, boolean refused,
                          boolean sent) {

    public HttpAttempt(int status, String retryAfter, byte[] body, Duration latency, String error) {
        this(status, retryAfter, body, latency, error, false, true);
    }

    public static HttpAttempt failed(String error, Duration latency) {
        return new HttpAttempt(0, null, new byte[0], latency, error, false, true);
    }

    public static HttpAttempt refused(String reason, Duration latency) {
        return new HttpAttempt(0, null, new byte[0], latency, reason, true, false);
    }

    /** This attempt, as one that never started its request to the endpoint. */
    public HttpAttempt unsent() {
        return new HttpAttempt(status, retryAfter, body, latency, error, refused, false);
    }

    public boolean responded() {
        return status > 0;
    }

    public Optional<String> retryAfterHeader() {
        return Optional.ofNullable(retryAfter);
    }
}
