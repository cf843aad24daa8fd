package com.chatplugify.webhooks.deliverer.dispatch;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instance's memory ({@code delivery.max-buffered-records}) shared by standing, as {@link InFlightSlots} shares
 * its slots: endpoints known to be slow hold at most half between them, endpoints not yet measured at most a
 * quarter; prompt endpoints are bounded only by the whole, where the engine pauses consumption. FIFO webhooks, whose
 * deliveries cannot move to the retry tiers, hold at most a quarter between them, whatever their standing.
 *
 * <p>The counts are recounted from the endpoints at every review and raised by each delivery admitted in between,
 * never lowered in between: between two recounts they may only overstate what such endpoints hold.
 */
final class MemoryShares {

    private final int maxBuffered;
    private final Map<Endpoint.Standing, AtomicInteger> held = new EnumMap<>(Endpoint.Standing.class);
    private final AtomicInteger heldByFifo = new AtomicInteger();

    MemoryShares(int maxBuffered) {
        this.maxBuffered = maxBuffered;
        for (Endpoint.Standing standing : Endpoint.Standing.values()) {
            held.put(standing, new AtomicInteger());
        }
    }

    /**
     * Counts one more delivery held by an endpoint of {@code standing}; false, counting nothing, when its share is
     * full. Prompt endpoints are always admitted.
     */
    boolean tryAdmit(Endpoint.Standing standing) {
        if (standing == Endpoint.Standing.PROMPT) {
            return true;
        }
        return admit(held.get(standing), standing.share(maxBuffered));
    }

    /** Counts one more delivery held by a FIFO webhook; false, counting nothing, when their quarter is full. */
    boolean tryAdmitFifo() {
        return admit(heldByFifo, fifoShare());
    }

    /** Sets the count of FIFO webhooks to what they hold now; returns how many beyond their share they hold. */
    int recountFifo(int actuallyHeld) {
        heldByFifo.set(actuallyHeld);
        return Math.max(0, actuallyHeld - fifoShare());
    }

    private int fifoShare() {
        return Math.max(1, maxBuffered / 4);
    }

    private static boolean admit(AtomicInteger count, int max) {
        while (true) {
            int current = count.get();
            if (current >= max) {
                return false;
            }
            if (count.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /**
     * Sets the count of {@code standing} to what its endpoints hold now; returns how many deliveries beyond their
     * share they hold.
     */
    int recount(Endpoint.Standing standing, int actuallyHeld) {
        held.get(standing).set(actuallyHeld);
        return standing == Endpoint.Standing.PROMPT ? 0 : Math.max(0, actuallyHeld - standing.share(maxBuffered));
    }
}
