package com.chatplugify.webhooks.ingest.tokens;

import java.time.Duration;
import java.time.Instant;

/**
 * Until when a view is known to hold every record written to its topic. A check started at an instant takes the
 * topic's end offsets after it; once the view has read up to them, it holds everything acknowledged before that
 * instant. Checks run one at a time, every {@code interval}. Thread-safe: the view's thread starts checks, and
 * whichever thread completes the wait for the end offsets ends them.
 */
final class ViewFreshness {

    private final Duration interval;
    private Instant checkStartedAt;
    private Instant lastCheckStartedAt;
    /** Volatile: read without the lock on every request. */
    private volatile Instant currentAsOf;

    ViewFreshness(Duration interval) {
        this.interval = interval;
    }

    /** Whether to start a check now: none is under way and the last started {@code interval} ago or more. */
    synchronized boolean checkDue(Instant now) {
        return checkStartedAt == null && (lastCheckStartedAt == null || !now.isBefore(lastCheckStartedAt.plus(interval)));
    }

    /** Whether no check is under way. */
    synchronized boolean idle() {
        return checkStartedAt == null;
    }

    /** @param startedAt before the end offsets are asked for, so that nothing earlier is missed */
    synchronized void checking(Instant startedAt) {
        this.checkStartedAt = startedAt;
        this.lastCheckStartedAt = startedAt;
    }

    /** The check under way is complete: the view has read up to the end offsets it took. */
    synchronized void checked() {
        if (checkStartedAt != null) {
            currentAsOf = checkStartedAt;
            checkStartedAt = null;
        }
    }

    /** The check under way failed: the view is as current as before, and the next check starts when due. */
    synchronized void checkFailed() {
        checkStartedAt = null;
    }

    /** The view holds every record acknowledged before this instant; null until the first check completes. */
    Instant currentAsOf() {
        return currentAsOf;
    }

    /** How far behind the view may be at {@code now}; null when no check has completed yet. */
    Duration staleness(Instant now) {
        Instant asOf = currentAsOf;
        return asOf == null ? null : Duration.between(asOf, now);
    }
}
