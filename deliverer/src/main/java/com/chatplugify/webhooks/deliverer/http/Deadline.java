package com.chatplugify.webhooks.deliverer.http;

import java.time.Duration;

/**
 * When an attempt must be over: everything it does (resolving names, fetching a token, connecting, sending, reading)
 * shares this one deadline, so that it ends within {@code delivery.timeout} whatever it had to do.
 *
 * @param atNanos {@link System#nanoTime()} at the deadline
 * @param budget  the time the attempt had in all, for messages
 */
public record Deadline(long atNanos, Duration budget) {

    /** The deadline {@code budget} from now. */
    public static Deadline in(Duration budget) {
        return new Deadline(System.nanoTime() + budget.toNanos(), budget);
    }

    /** How long is left, zero once it has passed. */
    public Duration remaining() {
        long left = atNanos - System.nanoTime();
        return left > 0 ? Duration.ofNanos(left) : Duration.ZERO;
    }

    /** What an attempt that ran out of time says. */
    public String timedOut() {
        return "timed out after " + budget.toMillis() + " ms";
    }
}
