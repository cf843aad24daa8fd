package com.chatplugify.webhooks.deliverer.dispatch;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The half of the instance's memory ({@code delivery.max-buffered-records}) that endpoints not known to be prompt
 * (slow, unproven, or with an open circuit) may hold between them; the other half stays for prompt endpoints.
 *
 * <p>The count is recounted from the endpoints every {@link EndpointDispatcher#REVIEW_INTERVAL} and raised by each
 * delivery admitted in between, never lowered in between: between two recounts it may only overstate what such
 * endpoints hold.
 */
final class SlowShare {

    private final int max;
    private final AtomicInteger held = new AtomicInteger();

    /** @param maxBuffered the instance's {@code delivery.max-buffered-records} */
    SlowShare(int maxBuffered) {
        this.max = Math.max(1, maxBuffered / 2);
    }

    /** Counts one more delivery held by such an endpoint; false, counting nothing, when the share is full. */
    boolean tryAdmit() {
        while (true) {
            int current = held.get();
            if (current >= max) {
                return false;
            }
            if (held.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    /** Sets the count to what such endpoints hold now; returns how many deliveries beyond the share they hold. */
    int recount(int actuallyHeld) {
        held.set(actuallyHeld);
        return Math.max(0, actuallyHeld - max);
    }

    int held() {
        return held.get();
    }
}
