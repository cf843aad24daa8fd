package com.chatplugify.webhooks.deliverer.dispatch;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The instance-wide cap on attempts in flight ({@code delivery.max-in-flight}). Endpoints that find it full
 * register to be drained again when a slot frees, instead of holding anything while they wait.
 */
final class CapacityGate {

    private final int max;
    private final AtomicInteger used = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();

    CapacityGate(int max) {
        this.max = max;
    }

    boolean tryAcquire() {
        while (true) {
            int current = used.get();
            if (current >= max) {
                return false;
            }
            if (used.compareAndSet(current, current + 1)) {
                return true;
            }
        }
    }

    void release() {
        used.decrementAndGet();
        wakeOne();
    }

    /** Runs {@code retry} once a slot may be free. */
    void awaitSlot(Runnable retry) {
        waiting.add(retry);
        if (used.get() < max) {
            // A slot freed between the failed acquire and the registration: nobody else will wake this one.
            wakeOne();
        }
    }

    int inUse() {
        return used.get();
    }

    private void wakeOne() {
        Runnable next = waiting.poll();
        if (next != null) {
            next.run();
        }
    }
}
