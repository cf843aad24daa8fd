package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * One webhook's share of the deliverer: its queue of deliveries (bounded), its attempts in flight (capped), its
 * circuit breaker and its optional rate limit. Nothing here waits: a delivery that cannot start now stays queued,
 * and one that cannot even be queued is refused so that it can move to a retry tier.
 */
final class Endpoint {

    /** What {@link #take} found: a delivery to start, or why none, and when to look again. */
    record Take(PolledDelivery delivery, long retryInNanos, boolean awaitCapacity) {

        static final Take NOTHING = new Take(null, 0, false);
        static final Take NO_CAPACITY = new Take(null, 0, true);
    }

    private static final long NOT_GONE = -1;

    private final String webhookId;
    private final int maxQueued;
    private final int maxInFlight;
    private final CircuitBreaker breaker;
    private final ArrayDeque<PolledDelivery> queue = new ArrayDeque<>();
    private int inFlight;
    private boolean draining;
    private String breakerUrl;
    private AtomicRateLimiter limiter;
    private long lastActiveNanos = System.nanoTime();
    private volatile long goneVersion = NOT_GONE;

    Endpoint(String webhookId, int maxQueued, int maxInFlight, CircuitBreaker breaker) {
        this.webhookId = webhookId;
        this.maxQueued = maxQueued;
        this.maxInFlight = maxInFlight;
        this.breaker = breaker;
    }

    String webhookId() {
        return webhookId;
    }

    /** Queues a delivery; false when the backlog is full. */
    synchronized boolean offer(PolledDelivery delivery) {
        lastActiveNanos = System.nanoTime();
        if (queue.size() >= maxQueued) {
            return false;
        }
        queue.add(delivery);
        return true;
    }

    /** Marks a drain as scheduled; false when one already is (it will see what was just queued). */
    synchronized boolean startDraining() {
        if (draining) {
            return false;
        }
        draining = true;
        return true;
    }

    /**
     * The next delivery allowed to start now, taking an in-flight slot of this endpoint and of the instance; or
     * nothing, ending the drain.
     *
     * @param ratePerSecond the webhook's current rate limit, or null for none
     */
    synchronized Take take(CapacityGate capacity, Integer ratePerSecond) {
        if (queue.isEmpty() || inFlight >= maxInFlight) {
            draining = false;
            return Take.NOTHING;
        }
        AtomicRateLimiter rate = limiter(ratePerSecond);
        if (rate != null && !rate.acquirePermission()) {
            draining = false;
            return new Take(null, Math.max(1_000_000L, rate.getDetailedMetrics().getNanosToWait()), false);
        }
        // Should the instance be full, the permit just taken is wasted: the limit is a ceiling, not a promise.
        if (!capacity.tryAcquire()) {
            draining = false;
            return Take.NO_CAPACITY;
        }
        inFlight++;
        lastActiveNanos = System.nanoTime();
        return new Take(queue.poll(), 0, false);
    }

    /** An attempt started by {@link #take} is over. */
    synchronized void finished() {
        inFlight--;
        lastActiveNanos = System.nanoTime();
    }

    /** Removes the queued deliveries of revoked partitions and returns them. */
    synchronized List<PolledDelivery> removeRevoked() {
        List<PolledDelivery> removed = new ArrayList<>();
        for (Iterator<PolledDelivery> it = queue.iterator(); it.hasNext(); ) {
            PolledDelivery delivery = it.next();
            if (delivery.tracker().revoked()) {
                it.remove();
                removed.add(delivery);
            }
        }
        return removed;
    }

    /**
     * The breaker for attempts to {@code url}. It is keyed by webhook, not host (one customer's broken webhook must
     * not cut off others on a shared host), and starts afresh when the webhook's URL changes.
     */
    synchronized CircuitBreaker breakerFor(String url) {
        if (!url.equals(breakerUrl)) {
            if (breakerUrl != null) {
                breaker.reset();
            }
            breakerUrl = url;
        }
        return breaker;
    }

    CircuitBreaker.State breakerState() {
        return breaker.getState();
    }

    /** The endpoint answered 410 to the webhook at {@code version}, and its disabling was asked for. */
    void markGone(long version) {
        goneVersion = version;
    }

    /**
     * Whether deliveries to this version of the webhook are to be parked as {@code endpoint_gone}: the one that
     * answered 410, until the owner's disable (or any other change) gives the webhook a new version.
     */
    boolean goneFor(Subscription current) {
        return current.version() == goneVersion;
    }

    /** Nothing queued or in flight for {@code idle}, and a closed breaker: the endpoint can be forgotten. */
    synchronized boolean idleFor(Duration idle) {
        return queue.isEmpty() && inFlight == 0 && !draining && breaker.getState() == CircuitBreaker.State.CLOSED
                && System.nanoTime() - lastActiveNanos > idle.toNanos();
    }

    synchronized int queued() {
        return queue.size();
    }

    private AtomicRateLimiter limiter(Integer ratePerSecond) {
        if (ratePerSecond == null || ratePerSecond <= 0) {
            limiter = null;
        } else if (limiter == null) {
            limiter = new AtomicRateLimiter(webhookId, RateLimiterConfig.custom()
                    .limitForPeriod(ratePerSecond)
                    .limitRefreshPeriod(Duration.ofSeconds(1))
                    .timeoutDuration(Duration.ZERO)
                    .build());
        } else if (limiter.getRateLimiterConfig().getLimitForPeriod() != ratePerSecond) {
            limiter.changeLimitForPeriod(ratePerSecond);
        }
        return limiter;
    }
}
