package com.chatplugify.webhooks.deliverer.dispatch;

import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The instance's attempts in flight ({@code delivery.max-in-flight}), with half of them kept for endpoints that
 * answer promptly: endpoints that are slow, or not yet known to be prompt, together take at most the other half, so
 * that no crowd of them can leave a prompt endpoint without a slot. Endpoints that find no slot register to be
 * drained again when one frees, prompt ones first, instead of holding anything while they wait.
 */
final class InFlightSlots {

    private final int max;
    private final int maxNotPrompt;
    private final ConcurrentLinkedQueue<Runnable> promptWaiting = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<Runnable> othersWaiting = new ConcurrentLinkedQueue<>();
    private int used;
    private int usedNotPrompt;

    InFlightSlots(int max) {
        this.max = max;
        this.maxNotPrompt = Math.max(1, max / 2);
    }

    /** Takes a slot for an endpoint that is {@code prompt} or not; false when its class has none free. */
    synchronized boolean tryAcquire(boolean prompt) {
        if (used >= max || !prompt && usedNotPrompt >= maxNotPrompt) {
            return false;
        }
        used++;
        if (!prompt) {
            usedNotPrompt++;
        }
        return true;
    }

    /** Gives back a slot taken as {@code prompt} or not, and wakes an endpoint waiting for one. */
    void release(boolean prompt) {
        synchronized (this) {
            used--;
            if (!prompt) {
                usedNotPrompt--;
            }
        }
        wakeOne();
    }

    /**
     * Runs {@code retry} once a slot of the class may be free. A waiter woken that takes no slot after all (its
     * queue emptied meanwhile) must {@link #wakeOne pass the wake on}, or a free slot could sit unused.
     */
    void awaitSlot(boolean prompt, Runnable retry) {
        (prompt ? promptWaiting : othersWaiting).add(retry);
        // A slot freed between the failed acquire and the registration: nobody else would wake this one.
        wakeOne();
    }

    synchronized int inUse() {
        return used;
    }

    /** Endpoints waiting for a slot. */
    int waiting() {
        return promptWaiting.size() + othersWaiting.size();
    }

    /** Wakes the next endpoint waiting for a slot, if a slot of its class is free. */
    void wakeOne() {
        Runnable next;
        synchronized (this) {
            if (used >= max) {
                return;
            }
            next = promptWaiting.poll();
            if (next == null && usedNotPrompt < maxNotPrompt) {
                next = othersWaiting.poll();
            }
        }
        if (next != null) {
            next.run();
        }
    }
}
