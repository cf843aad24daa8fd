package com.chatplugify.webhooks.deliverer.engine;

import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Hands finished deliveries back to the poll thread, the only one that may touch the consumer. While consumption
 * is paused because memory is full, the completion that frees enough of it wakes the poll thread up, so that it
 * resumes at once (and is not woken for each of the others).
 */
public final class Completions {

    /** A delivery is finished, and how. */
    record Completion(PolledDelivery delivery, Settlement settlement) {
    }

    private final LinkedBlockingQueue<Completion> queue = new LinkedBlockingQueue<>();
    private final Runnable wakeup;
    private final AtomicBoolean wakeupDue = new AtomicBoolean();
    private volatile int wakeAt = Integer.MAX_VALUE;

    /** @param wakeup interrupts the poll thread's wait (the consumer's {@code wakeup}) */
    public Completions(Runnable wakeup) {
        this.wakeup = wakeup;
    }

    /** Reports a delivery finished. */
    public void done(PolledDelivery delivery, Settlement settlement) {
        queue.add(new Completion(delivery, settlement));
        if (queue.size() >= wakeAt && wakeupDue.compareAndSet(true, false)) {
            wakeup.run();
        }
    }

    /** Wakes the poll thread once {@code count} completions wait for it; {@link Integer#MAX_VALUE} never. */
    void wakeWhenQueued(int count) {
        wakeAt = count;
        wakeupDue.set(count != Integer.MAX_VALUE);
    }

    Completion poll() {
        return queue.poll();
    }

    Completion poll(long timeoutNanos) throws InterruptedException {
        return queue.poll(timeoutNanos, TimeUnit.NANOSECONDS);
    }
}
