package com.chatplugify.webhooks.ingest.webhooks;

import java.time.Duration;
import java.time.Instant;

/**
 * A webhook write whose outcome the API could not learn in time (Kafka or the subscriptions' owner did not answer):
 * it may still apply until {@link #expiresAt()}, never after.
 */
public final class UnconfirmedWriteException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final Instant expiresAt;
    private final Duration untilExpiry;

    UnconfirmedWriteException(Instant expiresAt, Duration untilExpiry, Throwable cause) {
        super("the write was not confirmed; it may still apply until " + expiresAt, cause, false, false);
        this.expiresAt = expiresAt;
        this.untilExpiry = untilExpiry;
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    /** How long from when it was thrown until the command expires; zero when it has. */
    public Duration untilExpiry() {
        return untilExpiry;
    }
}
