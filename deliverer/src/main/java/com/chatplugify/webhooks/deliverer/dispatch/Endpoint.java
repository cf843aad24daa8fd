package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.engine.PartitionTracker;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import com.netflix.concurrency.limits.Limiter;
import com.netflix.concurrency.limits.limit.AIMDLimit;
import com.netflix.concurrency.limits.limiter.SimpleLimiter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * One webhook's share of the deliverer: its queue of deliveries, its attempts in flight under an adaptive
 * concurrency limit, its pace, its circuit breaker and its optional rate limit. Nothing here waits: a delivery that
 * cannot start now stays queued, and what the endpoint may not hold is handed back to be moved to Kafka.
 *
 * <p>A FIFO webhook's endpoint makes one attempt at a time, in the order its deliveries came, and a failed one waits
 * at the head of its queue for its retry ({@link #putBackHead}) while the others wait behind it: nothing of it goes to
 * Kafka's retry tiers, which would reorder it.
 *
 * <p>The concurrency limit is additive-increase/multiplicative-decrease (Netflix concurrency-limits' {@link AIMDLimit}):
 * one more while attempts succeed promptly and the endpoint uses what it has, a tenth less on a failed or slow
 * attempt, between 1 and {@link EndpointLimits#maxInFlight()}. So an endpoint that answers slowly or fails gets the
 * concurrency its answers warrant, and no more.
 */
final class Endpoint {

    /**
     * Where the endpoint stands with the instance's budgets (its in-flight slots and its memory): prompt endpoints may
     * use all of them; the others only a share, taken together, so that what they cannot take stays for prompt ones.
     */
    enum Standing {
        /** Its attempts, measured, end within {@code delivery.prompt-latency}. */
        PROMPT(1),
        /** No attempt of it has ended yet: a quarter, apart from the slow ones', so that they cannot starve it. */
        UNPROVEN(4),
        /** Its attempts take longer than {@code delivery.prompt-latency}, or its circuit is open: a half. */
        SLOW(2);

        private final int divisor;

        Standing(int divisor) {
            this.divisor = divisor;
        }

        /** What endpoints of this standing may use between them of an instance budget of {@code total}. */
        int share(int total) {
            return Math.max(1, total / divisor);
        }
    }

    /** Why the endpoint's next delivery does not start now. */
    enum Wait {
        /** It has as many attempts in flight as its concurrency limit allows. */
        CONCURRENCY,
        /** Its rate limit allows no attempt yet. */
        RATE_LIMIT,
        /** The instance has no free slot for an endpoint of its standing. */
        INSTANCE_SLOTS,
        /** A FIFO webhook's delivery at the head of its queue waits for its retry. */
        RETRY_IN_PLACE
    }

    /**
     * What {@link #take} found: a delivery to start with its slot, or why none, and when to look again.
     *
     * @param standing the endpoint's standing when it asked for an instance slot
     */
    record Take(PolledDelivery delivery, AttemptSlot slot, Wait waitingFor, long retryInNanos, Standing standing) {

        static final Take NOTHING = new Take(null, null, null, 0, null);
    }

    /** How an attempt ended, for the concurrency limit and the pace. */
    enum Signal {
        /** The endpoint answered and the answer does not ask for less load. */
        ANSWERED,
        /** The attempt failed: an error status, a timeout, a connection that failed. */
        FAILED,
        /** No request was sent (circuit open, endpoint refused, webhook disabled or deleted). */
        NOT_SENT
    }

    private static final long NO_PERMIT = Long.MIN_VALUE;
    private static final long NOT_GONE = -1;

    private final String webhookId;
    private final EndpointLimits limits;
    private final CircuitBreaker breaker;
    private SimpleLimiter<Void> concurrency;
    private final EndpointPace pace = new EndpointPace();
    private final ArrayDeque<PolledDelivery> queue = new ArrayDeque<>();
    private final List<AttemptSlot> inFlight = new ArrayList<>();
    private final Set<PartitionTracker> partitions = Collections.newSetFromMap(new IdentityHashMap<>());
    private boolean draining;
    private boolean awaitingSlot;
    private Wait waiting;
    private String breakerUrl;
    private RateLimiter rate;
    private long ratePermitAtNanos = NO_PERMIT;
    private long headNotBeforeNanos = NO_PERMIT;
    private boolean fifo;
    private boolean enabled = true;
    private long lastActiveNanos;
    private volatile long goneVersion = NOT_GONE;
    private volatile long pausedVersion = NOT_GONE;

    Endpoint(String webhookId, EndpointLimits limits, CircuitBreaker breaker, long nowNanos) {
        this.webhookId = webhookId;
        this.limits = limits;
        this.breaker = breaker;
        this.lastActiveNanos = nowNanos;
        this.concurrency = newLimiter();
    }

    private SimpleLimiter<Void> newLimiter() {
        return SimpleLimiter.newBuilder()
                .named(webhookId)
                .limit(AIMDLimit.newBuilder()
                        .initialLimit(limits.initialInFlight())
                        .minLimit(1)
                        .maxLimit(limits.maxInFlight())
                        .backoffRatio(0.9)
                        .timeout(limits.slowCall().toNanos(), TimeUnit.NANOSECONDS)
                        .build())
                .build();
    }

    String webhookId() {
        return webhookId;
    }

    /**
     * Notes that a delivery of {@code partition} was offered to the endpoint, admitted or not: it stays wanted while
     * one of the partitions its deliveries came from is assigned ({@link #orphaned}).
     */
    synchronized void offeredFrom(PartitionTracker partition) {
        partitions.removeIf(PartitionTracker::revoked);
        partitions.add(partition);
    }

    /**
     * Whether every partition its deliveries came from has been revoked and it holds nothing (none queued, in flight
     * or being drained): another instance owns its webhook now, and counts its circuit and failures.
     */
    synchronized boolean orphaned() {
        return !partitions.isEmpty() && partitions.stream().allMatch(PartitionTracker::revoked)
                && queue.isEmpty() && inFlight.isEmpty() && !draining;
    }

    /** Queues a delivery the dispatcher admitted. */
    synchronized void offer(PolledDelivery delivery, long nowNanos) {
        lastActiveNanos = nowNanos;
        queue.add(delivery);
    }

    /**
     * Takes the webhook's settings as they are now. A new URL, or a webhook enabled again, starts afresh before
     * admission looks at it: so that fixing a failing webhook, or enabling it once its endpoint is back, is not held
     * back by what was measured before (an open circuit, a slow pace, a lowered concurrency limit).
     */
    synchronized void follow(EndpointPolicy policy) {
        fifo = policy.fifo();
        boolean enabledAgain = policy.enabled() && !enabled;
        enabled = policy.enabled();
        if (policy.url() != null) {
            followUrl(policy.url());
        }
        if (enabledAgain) {
            startAfresh();
        }
    }

    /** Whether its webhook is enabled (as of the last {@link #follow}). */
    synchronized boolean enabled() {
        return enabled;
    }

    /** Whether its webhook is FIFO (as of the last {@link #follow}). */
    synchronized boolean fifo() {
        return fifo;
    }

    /**
     * Puts a FIFO webhook's delivery back at the head of its queue, to be taken again no sooner than
     * {@code notBeforeNanos}, before anything behind it.
     */
    synchronized void putBackHead(PolledDelivery delivery, long notBeforeNanos) {
        queue.addFirst(delivery);
        headNotBeforeNanos = notBeforeNanos;
    }

    synchronized Standing standing(long nowNanos) {
        if (breaker.getState() == CircuitBreaker.State.OPEN
                || pace.latencyNanos(nowNanos) > limits.promptLatency().toNanos()) {
            return Standing.SLOW;
        }
        return pace.measured() ? Standing.PROMPT : Standing.UNPROVEN;
    }

    /** Deliveries held in memory: queued or in flight. */
    synchronized int held() {
        return queue.size() + inFlight.size();
    }

    /**
     * How many deliveries the endpoint may hold in memory now: what it clears in {@link EndpointLimits#holdFor()} at
     * its pace (its concurrency limit over its latency, or its rate limit when lower), at least one, at most
     * {@link EndpointLimits#maxHeld()}; all of that while its pace is unknown; none while its circuit is open, and one,
     * the probe, once it is half-open. A FIFO webhook's endpoint may always hold its maximum: what it cannot hold
     * cannot wait in the retry tiers without being reordered.
     *
     * @param ratePerSecond the webhook's current rate limit, or null for none
     */
    synchronized int allowance(long nowNanos, Integer ratePerSecond) {
        if (fifo) {
            return limits.maxHeld();
        }
        CircuitBreaker.State state = breaker.getState();
        if (state == CircuitBreaker.State.OPEN || state == CircuitBreaker.State.HALF_OPEN) {
            return state == CircuitBreaker.State.OPEN ? 0 : 1;
        }
        long latency = pace.latencyNanos(nowNanos);
        if (latency == 0) {
            return limits.maxHeld();
        }
        double perSecond = concurrency.getLimit() * 1e9 / latency;
        if (ratePerSecond != null && ratePerSecond > 0) {
            perSecond = Math.min(perSecond, ratePerSecond);
        }
        double clears = perSecond * limits.holdFor().toNanos() / 1e9;
        return (int) Math.max(1, Math.min(limits.maxHeld(), Math.ceil(clears)));
    }

    /**
     * The next delivery allowed to start now, with a slot of this endpoint's concurrency and of the instance; or
     * nothing, ending the drain, and why.
     *
     * @param ratePerSecond the webhook's current rate limit, or null for none
     */
    synchronized Take take(InFlightSlots slots, Integer ratePerSecond, long nowNanos) {
        if (queue.isEmpty()) {
            return idle(null, 0);
        }
        if (fifo && headNotBeforeNanos != NO_PERMIT && headNotBeforeNanos > nowNanos) {
            return idle(Wait.RETRY_IN_PLACE, headNotBeforeNanos - nowNanos);
        }
        Standing standing = standing(nowNanos);
        Optional<Limiter.Listener> permit = inFlight.size() >= warrantedInFlight(standing, nowNanos)
                ? Optional.empty() : concurrency.acquire(null);
        if (permit.isEmpty()) {
            return idle(Wait.CONCURRENCY, 0);
        }
        long rateWait = ratePermit(ratePerSecond, nowNanos);
        if (rateWait > 0) {
            permit.get().onIgnore();
            return idle(Wait.RATE_LIMIT, rateWait);
        }
        if (!slots.tryAcquire(standing)) {
            permit.get().onIgnore();
            awaitingSlot = true;
            return new Take(null, null, idle(Wait.INSTANCE_SLOTS, 0).waitingFor(), 0, standing);
        }
        ratePermitAtNanos = NO_PERMIT;
        headNotBeforeNanos = NO_PERMIT;
        lastActiveNanos = nowNanos;
        waiting = null;
        AttemptSlot slot = new AttemptSlot(permit.get(), slots, standing, pace.started(nowNanos));
        inFlight.add(slot);
        return new Take(queue.poll(), slot, null, 0, standing);
    }

    /**
     * How many attempts the endpoint may have in flight, within its concurrency limit: until one of its attempts
     * has ended, one at a time (a crowd of new endpoints that turn out to hang then holds one slot each, not its
     * whole limit); while slow, its limit scaled down by how much longer than {@code delivery.prompt-latency} its
     * attempts take, at least one: the concurrency its latency warrants.
     */
    private int warrantedInFlight(Standing standing, long nowNanos) {
        if (fifo) {
            return 1;
        }
        if (standing == Standing.PROMPT) {
            return Integer.MAX_VALUE;
        }
        if (!pace.measured()) {
            return 1;
        }
        return (int) Math.max(1, concurrency.getLimit() * limits.promptLatency().toNanos()
                / Math.max(1, pace.latencyNanos(nowNanos)));
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
     * Counts its attempts in flight under the standing it has now, where {@link InFlightSlots#move} lets it: a slot
     * taken while it was unproven frees the unproven share once its attempt turned out slow, if the slow share has
     * room; slots taken while it was prompt count as slow once it is, and those of a slow endpoint that recovered
     * free the slow share.
     */
    synchronized void reattribute(Standing now) {
        for (AttemptSlot slot : inFlight) {
            if (slot.standing != now && slot.slots.move(slot.standing, now)) {
                slot.standing = now;
            }
        }
    }

    /** Whether the endpoint was waiting for an instance slot (and was woken for one); clears the mark. */
    synchronized boolean wasAwaitingSlot() {
        boolean was = awaitingSlot;
        awaitingSlot = false;
        return was;
    }

    /** Why its queued deliveries wait, or null when they do not (or none is queued). */
    synchronized Wait waiting() {
        return queue.isEmpty() ? null : waiting;
    }

    synchronized int queued() {
        return queue.size();
    }

    /**
     * Removes queued deliveries, newest first, until the endpoint holds no more than {@code keep} (or has none
     * queued), and returns them.
     */
    synchronized List<PolledDelivery> shed(int keep) {
        List<PolledDelivery> shed = new ArrayList<>();
        while (!queue.isEmpty() && queue.size() + inFlight.size() > keep) {
            shed.add(queue.pollLast());
        }
        return shed;
    }

    /**
     * Removes the queued deliveries of revoked partitions and returns them. A FIFO head among them takes its wait for
     * a retry in place with it: read again, it is attempted at once.
     */
    synchronized List<PolledDelivery> removeRevoked() {
        PolledDelivery head = queue.peekFirst();
        if (head != null && head.tracker().revoked()) {
            headNotBeforeNanos = NO_PERMIT;
        }
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
     * not cut off others on a shared host), and starts afresh when the webhook's URL changes ({@link #follow}).
     */
    synchronized CircuitBreaker breakerFor(String url) {
        followUrl(url);
        return breaker;
    }

    private void followUrl(String url) {
        if (!url.equals(breakerUrl)) {
            if (breakerUrl != null) {
                startAfresh();
            }
            breakerUrl = url;
        }
    }

    /**
     * Forgets what the endpoint's attempts told: its circuit closes, its pace and concurrency limit are unknown again.
     * Attempts still in flight end under the limit that let them start, and count for nothing.
     */
    private void startAfresh() {
        breaker.reset();
        pace.forget();
        concurrency = newLimiter();
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

    /** The FIFO webhook at {@code version} pauses (its disabling was asked for): its deliveries are parked, in order. */
    void markPaused(long version) {
        pausedVersion = version;
    }

    /** Whether deliveries to this version of the webhook are to be parked as {@code webhook_disabled}, paused. */
    boolean pausedFor(Subscription current) {
        return current.version() == pausedVersion;
    }

    /**
     * Nothing queued or in flight for {@code idle}: the endpoint can be forgotten, its circuit breaker with it (an
     * open circuit has long been due for its probe by then).
     */
    synchronized boolean idleFor(Duration idle, long nowNanos) {
        return queue.isEmpty() && inFlight.isEmpty() && !draining && nowNanos - lastActiveNanos > idle.toNanos();
    }

    private Take idle(Wait wait, long retryInNanos) {
        draining = false;
        waiting = wait;
        return wait == null ? Take.NOTHING : new Take(null, null, wait, retryInNanos, null);
    }

    /** Nanoseconds until the rate limit allows the next attempt (a permit is reserved for it meanwhile); 0 for now. */
    private long ratePermit(Integer ratePerSecond, long nowNanos) {
        if (ratePerSecond == null || ratePerSecond <= 0) {
            rate = null;
            ratePermitAtNanos = NO_PERMIT;
            return 0;
        }
        if (rate == null) {
            rate = RateLimiter.of(webhookId, RateLimiterConfig.custom()
                    .limitForPeriod(ratePerSecond)
                    .limitRefreshPeriod(Duration.ofSeconds(1))
                    .timeoutDuration(Duration.ofSeconds(1))
                    .build());
        } else if (rate.getRateLimiterConfig().getLimitForPeriod() != ratePerSecond) {
            rate.changeLimitForPeriod(ratePerSecond);
        }
        if (ratePermitAtNanos == NO_PERMIT) {
            long wait = rate.reservePermission();
            // More than the timeout's worth reserved already: look again in a second.
            ratePermitAtNanos = wait < 0 ? NO_PERMIT : nowNanos + wait;
            if (wait < 0) {
                return Duration.ofSeconds(1).toNanos();
            }
        }
        return Math.max(0, ratePermitAtNanos - nowNanos);
    }

    /**
     * One attempt's hold on the endpoint's concurrency and on an instance slot, given back once by
     * {@link #release}.
     */
    final class AttemptSlot {

        private final Limiter.Listener permit;
        private final InFlightSlots slots;
        private final int paceSlot;
        private Standing standing;
        private Signal signal = Signal.NOT_SENT;

        private AttemptSlot(Limiter.Listener permit, InFlightSlots slots, Standing standing, int paceSlot) {
            this.permit = permit;
            this.slots = slots;
            this.standing = standing;
            this.paceSlot = paceSlot;
        }

        /** How the attempt made with this slot ended; without a call, no request was sent. */
        void record(Signal outcome) {
            this.signal = outcome;
        }

        void release(long nowNanos) {
            switch (signal) {
                case ANSWERED -> permit.onSuccess();
                case FAILED -> permit.onDropped();
                case NOT_SENT -> permit.onIgnore();
            }
            Standing countedAs;
            synchronized (Endpoint.this) {
                inFlight.remove(this);
                lastActiveNanos = nowNanos;
                pace.finished(paceSlot, nowNanos, signal != Signal.NOT_SENT);
                countedAs = standing;
            }
            slots.release(countedAs);
        }
    }
}
