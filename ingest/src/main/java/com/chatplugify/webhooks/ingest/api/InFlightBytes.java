package com.chatplugify.webhooks.ingest.api;

import java.time.Duration;
import java.util.concurrent.Semaphore;

/**
 * Bounds the bytes of events waiting for the broker's acknowledgement. When the broker is slow or down, calls are
 * refused at once with a 503 instead of piling up in memory.
 */
public final class InFlightBytes {

    /** What a caller refused for lack of room should wait before retrying. */
    static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final Semaphore permits;
    private final long max;

    public InFlightBytes(long max) {
        if (max < 1 || max > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("max must be 1 to " + Integer.MAX_VALUE + " bytes: " + max);
        }
        this.max = max;
        this.permits = new Semaphore((int) max);
    }

    /**
     * Reserves room for {@code bytes}; the caller releases it with the returned handle once the broker answered.
     *
     * @throws ApiException 503 when there is no room now
     */
    Reservation reserve(int bytes) {
        int wanted = (int) Math.max(1, Math.min(bytes, max));
        if (!permits.tryAcquire(wanted)) {
            throw ApiException.unavailable("too many events are waiting for Kafka to acknowledge them ("
                    + (max - permits.availablePermits()) + " bytes); retry shortly", RETRY_AFTER);
        }
        return new Reservation(wanted);
    }

    /** Room taken by one call; released once, however often {@link #release()} is called. */
    final class Reservation {

        private int bytes;

        private Reservation(int bytes) {
            this.bytes = bytes;
        }

        synchronized void release() {
            permits.release(bytes);
            bytes = 0;
        }
    }
}
