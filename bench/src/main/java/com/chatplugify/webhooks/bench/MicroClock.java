package com.chatplugify.webhooks.bench;

import java.time.Clock;
import java.time.Instant;

/**
 * Wall-clock time in microseconds, read once from a {@link Clock} and advanced by the monotonic nanosecond counter.
 * The driver stamps events and the receiver times their arrival with the same instance, so a latency is never
 * skewed by the system clock being adjusted during a run.
 */
public final class MicroClock {

    private final long baseMicros;
    private final long baseNanos;

    public MicroClock(Clock clock) {
        Instant now = clock.instant();
        this.baseNanos = System.nanoTime();
        this.baseMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    }

    public long nowMicros() {
        return baseMicros + (System.nanoTime() - baseNanos) / 1_000;
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
