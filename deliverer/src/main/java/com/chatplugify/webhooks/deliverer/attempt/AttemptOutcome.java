package com.chatplugify.webhooks.deliverer.attempt;

import java.time.Duration;
import java.util.Optional;

/** What to do with a delivery after an attempt, as decided by {@link AttemptClassifier}. */
public sealed interface AttemptOutcome {

    /** A 2xx: done. */
    record Delivered(int status) implements AttemptOutcome {
    }

    /**
     * A failed attempt worth retrying.
     *
     * @param retryAfter the receiver's own request (429 or 503 with {@code Retry-After}), already bounded
     * @param status     the HTTP status, or null when no response came
     */
    record RetryLater(Optional<Duration> retryAfter, Integer status, String reason) implements AttemptOutcome {
    }

    /** The receiver says the endpoint is gone for good (410): disable the webhook and park what is pending. */
    record Gone(int status) implements AttemptOutcome {
    }

    /**
     * Nothing was sent: the endpoint is not one we deliver to (scheme, malformed URL, refused address). Retrying the
     * same URL cannot succeed, so the delivery is parked at once for an operator to replay after a fix.
     */
    record Refused(String reason) implements AttemptOutcome {
    }
}
