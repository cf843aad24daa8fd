package com.chatplugify.webhooks.deliverer.attempt;

import java.time.Duration;
import java.util.Optional;

/** What to do with a delivery after an attempt, as decided by {@link AttemptClassifier}. */
public sealed interface AttemptOutcome {

    /** A 2xx: done. */
    record Delivered(int status) implements AttemptOutcome {
    }

    /** A failed attempt worth retrying; {@code retryAfter} is the receiver's own request, when it made one. */
    record RetryLater(Optional<Duration> retryAfter, Integer status, String reason) implements AttemptOutcome {
    }

    /** The receiver says the endpoint is gone for good (410): disable the webhook and park what is pending. */
    record Gone(int status) implements AttemptOutcome {
    }
}
