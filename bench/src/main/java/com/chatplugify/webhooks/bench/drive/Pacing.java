package com.chatplugify.webhooks.bench.drive;

import java.util.function.LongSupplier;

/** How fast the driver sends: an open loop at a fixed rate, or a closed loop as fast as the system completes. */
public sealed interface Pacing permits Pacing.FixedRate, Pacing.FlatOut {

    /**
     * Events at a fixed rate, each stamped with the time it was due rather than the time it left, so a driver or
     * producer that falls behind shows as latency instead of hiding it (no coordinated omission).
     */
    record FixedRate(double perSecond) implements Pacing {

        public FixedRate {
            if (perSecond <= 0) {
                throw new IllegalArgumentException("a fixed rate is positive: " + perSecond);
            }
        }
    }

    /**
     * As fast as possible while at most {@code maxInFlight} deliveries are outstanding: sent but not yet
     * {@code completed}. Bounding the backlog measures the sustainable rate instead of how fast a queue fills.
     *
     * @param completed deliveries completed so far in this measurement (arrived, or routed when only the router runs)
     */
    record FlatOut(long maxInFlight, LongSupplier completed) implements Pacing {
    }
}
