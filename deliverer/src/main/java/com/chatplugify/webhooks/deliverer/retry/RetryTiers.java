package com.chatplugify.webhooks.deliverer.retry;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The delay tiers ({@code delivery.retry.delays}): which tier a delivery moves to and when it is next looked at.
 * Tiers count from 1; tier {@code n} is topic {@code chatplugify.deliveries.retry-n} and waits
 * {@code delay(n)}. Attempts are counted in a header, not by the tier a record sits in.
 *
 * <p>A tier partition is read in order and paused until its head is due, so no record may ask for more than its
 * tier's delay: a delivery whose wait is longer (a long {@code Retry-After}) goes to a tier whose delay covers it,
 * or, past the longest delay, is looked at once every longest delay and re-appended until it is due.
 */
public final class RetryTiers {

    /** Where a delivery goes: a tier, and when it becomes due there. */
    public record Placement(int tier, Instant dueAt) {
    }

    /** What to do with a record read from a tier now: the answer to "is this retry due?". */
    public sealed interface Visit {

        /** Not yet: leave it, and the records behind it, in the tier until {@code until}. */
        record Hold(Instant until) implements Visit {
        }

        /** Its tier's delay is over but it asked for a longer wait: put it back at the end of its tier. */
        record Reappend() implements Visit {
        }

        /** It is due: attempt it. */
        record Take() implements Visit {
        }
    }

    private static final Visit REAPPEND = new Visit.Reappend();
    private static final Visit TAKE = new Visit.Take();

    private final List<Duration> delays;

    public RetryTiers(List<Duration> delays) {
        if (delays.isEmpty()) {
            throw new IllegalArgumentException("at least one retry tier is required");
        }
        this.delays = List.copyOf(delays);
    }

    public int count() {
        return delays.size();
    }

    public Duration delay(int tier) {
        return delays.get(tier - 1);
    }

    /**
     * Whether a delivery that has failed {@code attemptsMade} times has used up its retries: also true of one that had
     * more than the schedule allows, its retries given under a longer schedule.
     */
    public boolean exhausted(int attemptsMade) {
        return attemptsMade > delays.size();
    }

    /**
     * How long retry number {@code attemptsMade} waits: its tier's delay, or the receiver's {@code Retry-After} when
     * that is longer (for a FIFO webhook, retried in place rather than through the tiers).
     */
    public Duration wait(int attemptsMade, Optional<Duration> retryAfter) {
        Duration delay = delay(attemptsMade);
        return retryAfter.filter(requested -> requested.compareTo(delay) > 0).orElse(delay);
    }

    /**
     * The placement of retry number {@code attemptsMade} (1 after the first failure): its tier's delay, or the
     * receiver's {@code Retry-After} when that is longer.
     */
    public Placement retry(int attemptsMade, Optional<Duration> retryAfter, Instant now) {
        Duration wait = wait(attemptsMade, retryAfter);
        int tier = wait.equals(delay(attemptsMade)) ? attemptsMade : tierCovering(wait, attemptsMade);
        return new Placement(tier, now.plus(wait));
    }

    /** The placement of a delivery deferred without an attempt from {@code currentTier} (0 for the main topic). */
    public Placement deferral(int currentTier, Instant now) {
        int tier = Math.min(currentTier + 1, delays.size());
        return new Placement(tier, now.plus(delay(tier)));
    }

    /**
     * Whether a record read from {@code tier} (0 for the main topic, always due), appended at {@code appendedAt}
     * and due at {@code dueAt}, is to be attempted at {@code now}. It is looked at when due, but never later than
     * its tier's delay after it was appended, so that it cannot hold up the records behind it; looked at before it
     * is due, it goes back to the end of its tier. A tier beyond the schedule, left over from a longer one, is read
     * as the last tier is: its records come back when due, looked at at least once every longest delay.
     */
    public Visit decide(int tier, Instant appendedAt, Optional<Instant> dueAt, Instant now) {
        if (tier == 0) {
            return TAKE;
        }
        Instant latest = appendedAt.plus(lookAfter(tier));
        Instant visitAt = dueAt.filter(due -> due.isBefore(latest)).orElse(latest);
        if (visitAt.isAfter(now)) {
            return new Visit.Hold(visitAt);
        }
        return dueAt.filter(now::isBefore).isPresent() ? REAPPEND : TAKE;
    }

    /**
     * Longest a record of {@code tier} waits before it is looked at: its tier's delay; for a tier beyond the schedule
     * (left over from a longer one, whose delay is not known any more), the longest delay, as in the last tier.
     */
    private Duration lookAfter(int tier) {
        return tier <= delays.size() ? delay(tier) : delays.stream().max(Duration::compareTo).orElseThrow();
    }

    private int tierCovering(Duration wait, int preferred) {
        int best = 0;
        for (int tier = 1; tier <= delays.size(); tier++) {
            if (delay(tier).compareTo(wait) >= 0 && (best == 0 || delay(tier).compareTo(delay(best)) < 0)) {
                best = tier;
            }
        }
        if (best != 0) {
            return best;
        }
        int longest = preferred;
        for (int tier = 1; tier <= delays.size(); tier++) {
            if (delay(tier).compareTo(delay(longest)) > 0) {
                longest = tier;
            }
        }
        return longest;
    }
}
