package com.chatplugify.webhooks.deliverer.dispatch;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The instance's attempts in flight ({@code delivery.max-in-flight}), shared by standing: endpoints known to be
 * slow take at most half between them, endpoints not yet measured at most a quarter, and prompt endpoints may use
 * them all, so that no crowd of slow or unknown endpoints can leave a prompt one without a slot, nor slow ones
 * keep a new endpoint from its first attempt. Endpoints that find no slot register to be drained again when one of
 * their standing frees, prompt ones first, instead of holding anything while they wait.
 */
final class InFlightSlots {

    private static final Endpoint.Standing[] WAKE_ORDER = {
        Endpoint.Standing.PROMPT, Endpoint.Standing.UNPROVEN, Endpoint.Standing.SLOW
    };

    private final int max;
    private final Map<Endpoint.Standing, Integer> used = new EnumMap<>(Endpoint.Standing.class);
    private final Map<Endpoint.Standing, ConcurrentLinkedQueue<Runnable>> waiting = new EnumMap<>(Endpoint.Standing.class);
    private int inUse;

    InFlightSlots(int max) {
        this.max = max;
        for (Endpoint.Standing standing : Endpoint.Standing.values()) {
            used.put(standing, 0);
            waiting.put(standing, new ConcurrentLinkedQueue<>());
        }
    }

    /** Takes a slot for an endpoint of {@code standing}; false when its standing has none free. */
    synchronized boolean tryAcquire(Endpoint.Standing standing) {
        if (!free(standing)) {
            return false;
        }
        inUse++;
        used.merge(standing, 1, Integer::sum);
        return true;
    }

    /** Gives back a slot taken for {@code standing}, and wakes an endpoint waiting for one. */
    void release(Endpoint.Standing standing) {
        synchronized (this) {
            inUse--;
            used.merge(standing, -1, Integer::sum);
        }
        wakeOne();
    }

    /**
     * Counts a slot taken for {@code from} as one of {@code to}, its endpoint's standing having changed, if it may:
     * into the prompt class always, out of it always (a prompt endpoint's attempts turned slow cannot be taken back),
     * but from one share to another only while the other has room, so that a crowd of new endpoints turning out slow
     * never fills the slow share beyond its size. Returns whether it moved. Wakes no one (it is called under an
     * endpoint's lock): {@link #wakeForFreeSlots} does, once the moves are made.
     */
    synchronized boolean move(Endpoint.Standing from, Endpoint.Standing to) {
        boolean betweenShares = from != Endpoint.Standing.PROMPT && to != Endpoint.Standing.PROMPT;
        if (betweenShares && used.get(to) >= to.share(max)) {
            return false;
        }
        used.merge(from, -1, Integer::sum);
        used.merge(to, 1, Integer::sum);
        return true;
    }

    /** Wakes as many waiting endpoints of each standing as it has free slots, prompt ones first. */
    void wakeForFreeSlots() {
        List<Runnable> woken = new ArrayList<>();
        synchronized (this) {
            int free = max - inUse;
            for (Endpoint.Standing standing : WAKE_ORDER) {
                int ofStanding = Math.min(free, standing.share(max) - used.get(standing));
                for (Runnable next = null; ofStanding > 0 && (next = waiting.get(standing).poll()) != null; ofStanding--) {
                    woken.add(next);
                    free--;
                }
            }
        }
        woken.forEach(Runnable::run);
    }

    /**
     * Runs {@code retry} once a slot for {@code standing} may be free. A waiter woken that takes no slot after all
     * (its queue emptied meanwhile) must {@link #wakeOne pass the wake on}, or a free slot could sit unused.
     */
    void awaitSlot(Endpoint.Standing standing, Runnable retry) {
        waiting.get(standing).add(retry);
        // A slot freed between the failed acquire and the registration: nobody else would wake this one.
        wakeOne();
    }

    synchronized int inUse() {
        return inUse;
    }

    /** Wakes the next endpoint waiting for a slot whose standing has one free, prompt endpoints first. */
    void wakeOne() {
        Runnable next = null;
        synchronized (this) {
            for (Endpoint.Standing standing : WAKE_ORDER) {
                if (free(standing)) {
                    next = waiting.get(standing).poll();
                    if (next != null) {
                        break;
                    }
                }
            }
        }
        if (next != null) {
            next.run();
        }
    }

    private boolean free(Endpoint.Standing standing) {
        return inUse < max && used.get(standing) < standing.share(max);
    }
}
