package com.chatplugify.webhooks.deliverer.dispatch;

import java.util.Arrays;

/**
 * How fast one endpoint answers: a moving average of its attempts' durations, and the age of its oldest attempt
 * still in flight, so that an endpoint that stops answering looks slower with every second that passes rather than
 * only once its attempts time out. Not thread-safe: its {@link Endpoint} guards it.
 */
final class EndpointPace {

    /** Weight of the newest attempt in the moving average: about the last ten attempts count. */
    private static final double WEIGHT = 0.2;
    private static final long FREE = Long.MIN_VALUE;
    /** An attempt in flight from before {@link #forget}: its slot is taken, its age and duration do not count. */
    private static final long FORGOTTEN = Long.MIN_VALUE + 1;

    private long[] startedAt = new long[4];
    private double averageNanos = -1;

    EndpointPace() {
        Arrays.fill(startedAt, FREE);
    }

    /** An attempt starts at {@code nowNanos}; returns the slot that {@link #finished} takes back. */
    int started(long nowNanos) {
        for (int slot = 0; slot < startedAt.length; slot++) {
            if (startedAt[slot] == FREE) {
                startedAt[slot] = nowNanos;
                return slot;
            }
        }
        int slot = startedAt.length;
        startedAt = Arrays.copyOf(startedAt, slot * 2);
        Arrays.fill(startedAt, slot, startedAt.length, FREE);
        startedAt[slot] = nowNanos;
        return slot;
    }

    /**
     * The attempt of {@code slot} is over; when {@code sampled} (a request was sent and answered or timed out), its
     * duration joins the average.
     */
    void finished(int slot, long nowNanos, boolean sampled) {
        long started = startedAt[slot];
        startedAt[slot] = FREE;
        if (sampled && started != FORGOTTEN) {
            double took = Math.max(0, nowNanos - started);
            averageNanos = averageNanos < 0 ? took : averageNanos + WEIGHT * (took - averageNanos);
        }
    }

    /** Forgets what was measured, and the attempts in flight: nothing is known from now on. */
    void forget() {
        averageNanos = -1;
        for (int slot = 0; slot < startedAt.length; slot++) {
            if (startedAt[slot] != FREE) {
                startedAt[slot] = FORGOTTEN;
            }
        }
    }

    /** Whether any attempt has been measured yet. */
    boolean measured() {
        return averageNanos >= 0;
    }

    /**
     * How long an attempt takes, as far as is known at {@code nowNanos}: the average, or the age of the oldest
     * attempt in flight when that is longer; 0 before anything is known.
     */
    long latencyNanos(long nowNanos) {
        long latency = Math.max(0, (long) averageNanos);
        for (long started : startedAt) {
            if (started != FREE && started != FORGOTTEN) {
                latency = Math.max(latency, nowNanos - started);
            }
        }
        return latency;
    }
}
