package com.chatplugify.webhooks.deliverer.health;

import java.time.Instant;

/**
 * A webhook's failed attempts since its last success, as the health watch keeps them.
 *
 * @param since         when the first of them was made
 * @param lastFailureAt when the latest was made
 * @param failures      how many
 * @param announced     whether {@code webhook.failing} was written for this streak
 * @param disableAsked  whether the owner was asked to disable the webhook, at its version then, for this streak
 */
record FailureStreak(Instant since, Instant lastFailureAt, long failures, Integer lastStatus, String lastError,
                     boolean announced, boolean disableAsked) {

    static FailureStreak startedBy(Instant at, Integer status, String error) {
        return new FailureStreak(at, at, 1, status, error, false, false);
    }

    FailureStreak failedAgain(Instant at, Integer status, String error) {
        Instant last = at.isAfter(lastFailureAt) ? at : lastFailureAt;
        return new FailureStreak(since.isBefore(at) ? since : at, last, failures + 1, status, error, announced,
                disableAsked);
    }

    FailureStreak withAnnounced() {
        return new FailureStreak(since, lastFailureAt, failures, lastStatus, lastError, true, disableAsked);
    }

    FailureStreak withDisableAsked(boolean asked) {
        return new FailureStreak(since, lastFailureAt, failures, lastStatus, lastError, announced, asked);
    }

    /** How long the webhook has failed, first to latest failure. */
    java.time.Duration duration() {
        return java.time.Duration.between(since, lastFailureAt);
    }
}
