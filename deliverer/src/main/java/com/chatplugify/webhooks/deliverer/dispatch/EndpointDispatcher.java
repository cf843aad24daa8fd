package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.DisableReason;
import com.chatplugify.webhooks.deliverer.engine.Completions;
import com.chatplugify.webhooks.deliverer.engine.DeliverySink;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import com.chatplugify.webhooks.deliverer.engine.Settlement;
import com.chatplugify.webhooks.deliverer.retry.DeferralReason;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads deliveries over their endpoints (one per webhook) and starts each as soon as its endpoint and the
 * instance allow, under one resource model in which no endpoint, and no set of endpoints, can take the budget of
 * the rest:
 *
 * <ul>
 *   <li>an endpoint holds in memory only what it can clear in a couple of seconds at its pace, and runs at most
 *       as many attempts as its adaptive concurrency limit allows ({@link Endpoint});
 *   <li>endpoints known to be slow (or with an open circuit) share half of the instance's in-flight slots
 *       ({@link InFlightSlots}) and of its memory ({@link MemoryShares}), endpoints not measured yet a quarter; what
 *       they cannot take stays for prompt endpoints;
 *   <li>what an endpoint may not hold moves to the next retry tier without using an attempt: it waits in Kafka,
 *       not in memory, and never holds up the other records of its partition.
 *   <li>a FIFO webhook's endpoint, whose deliveries cannot wait in the tiers without being reordered, holds up to its
 *       maximum, FIFO webhooks together a quarter of the memory; beyond, a delivery is dead-lettered as
 *       {@code fifo_backlog_full}, or, when the webhook pauses on failure, the webhook pauses and everything is
 *       parked in order.
 * </ul>
 *
 * Every {@link #REVIEW_INTERVAL} the endpoints are reviewed: what an endpoint that slowed down no longer may hold
 * moves to Kafka, endpoints whose partitions all went to another instance in a rebalance are forgotten, and the
 * gauges are refreshed. Every delivery taken ends in exactly one {@link Completions#done}.
 */
public final class EndpointDispatcher implements DeliverySink {

    static final Duration REVIEW_INTERVAL = Duration.ofMillis(100);
    private static final Logger log = LoggerFactory.getLogger(EndpointDispatcher.class);

    private final Endpoints endpoints;
    private final InFlightSlots slots;
    private final MemoryShares memory;
    private final DeliveryHandler handler;
    private final Completions completions;
    private final Executor workers;
    private final Executor moves;
    private final ScheduledExecutorService timer;
    private final Consumer<String> forgotten;
    private final AtomicInteger queued = new AtomicInteger();
    private volatile DispatchState state = DispatchState.EMPTY;

    /**
     * @param maxInFlight  the instance's attempts in flight ({@code delivery.max-in-flight})
     * @param maxBuffered  the instance's deliveries in memory ({@code delivery.max-buffered-records})
     * @param workers      where attempts are started and outcomes settled
     * @param moves        where deliveries taken without an attempt are moved on (a tier, the dead-letter topic): a
     *                     burst of them, such as a hung endpoint's deferrals coming due together, must not queue
     *                     ahead of other endpoints' attempts
     * @param timer        wakes endpoints waiting for their rate limit, and reviews the endpoints
     * @param forgotten    told the webhook id of each endpoint forgotten because the partitions its deliveries came
     *                     from were revoked: what else this instance keeps of the webhook is another's to count now
     */
    public EndpointDispatcher(Endpoints endpoints, int maxInFlight, int maxBuffered, DeliveryHandler handler,
                              Completions completions, Executor workers, Executor moves,
                              ScheduledExecutorService timer, Consumer<String> forgotten) {
        this.endpoints = endpoints;
        this.slots = new InFlightSlots(maxInFlight);
        this.memory = new MemoryShares(maxBuffered);
        this.handler = handler;
        this.completions = completions;
        this.workers = workers;
        this.moves = moves;
        this.timer = timer;
        this.forgotten = forgotten;
    }

    /** Starts reviewing the endpoints every {@link #REVIEW_INTERVAL}. */
    public EndpointDispatcher start() {
        timer.scheduleWithFixedDelay(this::review, REVIEW_INTERVAL.toMillis(), REVIEW_INTERVAL.toMillis(),
                TimeUnit.MILLISECONDS);
        return this;
    }

    /**
     * Follows a change of a webhook at once, so that its endpoint sees every change, one made and undone between two
     * of its deliveries too (a webhook disabled and enabled again starts afresh).
     *
     * @param subscription the webhook as it is now; null once deleted
     */
    public void follow(String webhookId, Subscription subscription) {
        if (subscription != null) {
            endpoints.find(webhookId).ifPresent(endpoint -> endpoint.follow(EndpointPolicy.of(subscription)));
        }
    }

    @Override
    public void submit(PolledDelivery delivery) {
        String webhookId = delivery.webhookId();
        if (webhookId == null) {
            settleLater(delivery, () -> handler.unreadable(delivery, "record has no key (webhook id)"));
            return;
        }
        EndpointPolicy policy = handler.policy(webhookId);
        // A FIFO webhook's delivery expires at its head, in order, where the webhook's onFailure says what follows.
        if (!policy.fifo() && handler.expired(delivery)) {
            settleLater(delivery, () -> handler.expire(delivery));
            return;
        }
        // Parked at once, never deferred first behind the endpoint's pace; a FIFO webhook's, in order, at its head.
        if (!policy.fifo() && !policy.enabled()) {
            settleLater(delivery, () -> handler.parkDisabled(delivery));
            return;
        }
        long now = System.nanoTime();
        Admission admission = endpoints.with(webhookId, now, endpoint -> admit(endpoint, delivery, policy, now));
        if (admission.queuedAt() != null) {
            queued.incrementAndGet();
            if (admission.pause()) {
                handler.pause(webhookId, DisableReason.FIFO_BACKLOG_FULL, admission.queuedAt());
            }
            scheduleDrain(admission.queuedAt());
        } else if (admission.fifoOverflow()) {
            settleLater(delivery, () -> handler.deadLetter(delivery, DeadLetterReason.FIFO_BACKLOG_FULL));
        } else {
            settleLater(delivery, () -> handler.defer(delivery, admission.refusal()));
        }
    }

    @Override
    public void reappend(PolledDelivery delivery) {
        settleLater(delivery, () -> handler.reappend(delivery));
    }

    @Override
    public List<Withdrawn> withdrawRevoked() {
        List<Withdrawn> withdrawn = new ArrayList<>();
        for (Endpoint endpoint : endpoints.all()) {
            boolean ordered = endpoint.fifo();
            for (PolledDelivery delivery : endpoint.removeRevoked()) {
                queued.decrementAndGet();
                withdrawn.add(new Withdrawn(delivery, ordered));
            }
        }
        return withdrawn;
    }

    @Override
    public void handOver(PolledDelivery delivery) {
        settleLater(delivery, () -> handler.handOver(delivery));
    }

    public int inFlight() {
        return slots.inUse();
    }

    /** Deliveries waiting in their endpoint's queue. */
    public int queued() {
        return queued.get();
    }

    /** What the last review found. */
    public DispatchState state() {
        return state;
    }

    /**
     * Where a delivery went: the endpoint that queued it (and whether its FIFO webhook must pause for it), or why it
     * may not hold it: moved on to a tier, or, FIFO, beyond what it may hold.
     */
    private record Admission(Endpoint queuedAt, boolean pause, DeferralReason refusal, boolean fifoOverflow) {

        static Admission queued(Endpoint endpoint, boolean pause) {
            return new Admission(endpoint, pause, null, false);
        }

        static Admission deferred(DeferralReason reason) {
            return new Admission(null, false, reason, false);
        }
    }

    private Admission admit(Endpoint endpoint, PolledDelivery delivery, EndpointPolicy policy, long now) {
        endpoint.follow(policy);
        endpoint.offeredFrom(delivery.tracker());
        if (policy.fifo()) {
            boolean room = endpoint.held() < endpoint.allowance(now, policy.ratePerSecond()) && memory.tryAdmitFifo();
            if (!room && !policy.pauses()) {
                return new Admission(null, false, null, true);
            }
            // A webhook that pauses keeps this one too, in order, to be parked behind what it holds.
            endpoint.offer(delivery, now);
            return Admission.queued(endpoint, !room);
        }
        if (endpoint.held() >= endpoint.allowance(now, policy.ratePerSecond())) {
            return Admission.deferred(endpoint.breakerState() == CircuitBreaker.State.OPEN
                    ? DeferralReason.CIRCUIT_OPEN : DeferralReason.BACKLOG_FULL);
        }
        if (!memory.tryAdmit(endpoint.standing(now))) {
            return Admission.deferred(DeferralReason.SHARE_FULL);
        }
        endpoint.offer(delivery, now);
        return Admission.queued(endpoint, false);
    }

    private void scheduleDrain(Endpoint endpoint) {
        if (endpoint.startDraining()) {
            workers.execute(() -> drain(endpoint));
        }
    }

    private void drain(Endpoint endpoint) {
        boolean woken = endpoint.wasAwaitingSlot();
        EndpointPolicy policy = handler.policy(endpoint.webhookId());
        endpoint.follow(policy);
        while (true) {
            long now = System.nanoTime();
            Endpoint.Take take = endpoint.take(slots, policy.ratePerSecond(), now);
            if (take.delivery() != null) {
                woken = false;
                queued.decrementAndGet();
                start(take.delivery(), endpoint, take.slot());
                continue;
            }
            if (take.waitingFor() == Endpoint.Wait.RATE_LIMIT || take.waitingFor() == Endpoint.Wait.RETRY_IN_PLACE) {
                timer.schedule(() -> scheduleDrain(endpoint), take.retryInNanos(), TimeUnit.NANOSECONDS);
            } else if (take.waitingFor() == Endpoint.Wait.INSTANCE_SLOTS) {
                slots.awaitSlot(take.standing(), () -> scheduleDrain(endpoint));
                return;
            }
            if (woken) {
                // Woken for a free slot that this endpoint no longer needs: the next waiter may.
                slots.wakeOne();
            }
            return;
        }
    }

    private void start(PolledDelivery delivery, Endpoint endpoint, Endpoint.AttemptSlot slot) {
        if (delivery.tracker().revoked()) {
            slot.release(System.nanoTime());
            completions.done(delivery, Settlement.UNSTARTED);
            scheduleDrain(endpoint);
            return;
        }
        delivery.tracker().started();
        CompletableFuture<Handled> outcome;
        try {
            outcome = handler.handle(delivery, endpoint, slot);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.exceptionallyCompose(e -> handler.internalError(delivery, endpoint, e).thenApply(Handled.Settled::new))
                .whenComplete((handled, e) -> {
                    long now = System.nanoTime();
                    slot.release(now);
                    if (handled instanceof Handled.RetryInPlace again) {
                        delivery.tracker().putBack();
                        endpoint.putBackHead(again.delivery(), now + again.after().toNanos());
                        queued.incrementAndGet();
                    } else {
                        completions.done(delivery, handled instanceof Handled.Settled settled
                                ? settled.settlement() : Settlement.ABANDONED);
                    }
                    scheduleDrain(endpoint);
                });
    }

    /** Moves a delivery on without an endpoint slot (it cannot or need not be attempted now). */
    private void settleLater(PolledDelivery delivery, Supplier<CompletableFuture<Settlement>> move) {
        delivery.tracker().started();
        moves.execute(() -> {
            CompletableFuture<Settlement> outcome;
            try {
                outcome = move.get();
            } catch (RuntimeException e) {
                outcome = CompletableFuture.failedFuture(e);
            }
            outcome.whenComplete((settlement, e) -> {
                if (e != null) {
                    LogContext.webhook(delivery.webhookId()).at(delivery.record())
                            .run(() -> log.error("Could not move delivery", e));
                }
                completions.done(delivery, settlement != null ? settlement : Settlement.ABANDONED);
            });
        });
    }

    /**
     * Moves to Kafka what endpoints may no longer hold (their pace fell, their circuit opened), then, should the slow
     * or the unproven endpoints still hold more than their share, the newest deliveries of those that hold most;
     * forgets the endpoints a rebalance left without partitions; and refreshes the gauges. Runs on the timer, every
     * {@link #REVIEW_INTERVAL}.
     */
    private void review() {
        try {
            endpoints.forgetOrphaned().forEach(forgotten);
            long now = System.nanoTime();
            DispatchState.Tally tally = new DispatchState.Tally();
            Map<Endpoint.Standing, List<Endpoint>> byStanding = new EnumMap<>(Endpoint.Standing.class);
            int heldByFifo = 0;
            for (Endpoint endpoint : endpoints.all()) {
                Endpoint.Standing standing = endpoint.standing(now);
                endpoint.reattribute(standing);
                tally.add(endpoint, standing);
                if (endpoint.fifo()) {
                    // Never moved to the tiers, which would reorder it; bounded as it is admitted.
                    heldByFifo += endpoint.held();
                    continue;
                }
                int allowance = endpoint.allowance(now, handler.policy(endpoint.webhookId()).ratePerSecond());
                shed(endpoint, allowance, endpoint.breakerState() == CircuitBreaker.State.OPEN
                        ? DeferralReason.CIRCUIT_OPEN : DeferralReason.BACKLOG_FULL);
                byStanding.computeIfAbsent(standing, s -> new ArrayList<>()).add(endpoint);
            }
            memory.recountFifo(heldByFifo);
            for (Endpoint.Standing standing : Endpoint.Standing.values()) {
                List<Endpoint> group = byStanding.getOrDefault(standing, List.of());
                int excess = memory.recount(standing, group.stream().mapToInt(Endpoint::held).sum());
                if (excess > 0) {
                    shedExcess(group, excess);
                }
            }
            slots.wakeForFreeSlots();
            state = tally.toState();
        } catch (RuntimeException e) {
            // The timer's boundary: a failed review must not stop the next ones.
            log.error("Reviewing the endpoints failed", e);
        }
    }

    /** Moves {@code excess} queued deliveries to Kafka, the newest of the endpoints that hold most first. */
    private void shedExcess(List<Endpoint> group, int excess) {
        List<Endpoint> largestFirst = new ArrayList<>(group);
        largestFirst.sort(Comparator.comparingInt(Endpoint::held).reversed());
        for (Endpoint endpoint : largestFirst) {
            int held = endpoint.held();
            excess -= shed(endpoint, held - Math.min(excess, held), DeferralReason.SHARE_FULL);
            if (excess <= 0) {
                return;
            }
        }
    }

    /** Moves the endpoint's newest queued deliveries to Kafka until it holds {@code keep}; returns how many. */
    private int shed(Endpoint endpoint, int keep, DeferralReason reason) {
        List<PolledDelivery> shed = endpoint.shed(keep);
        for (PolledDelivery delivery : shed) {
            queued.decrementAndGet();
            settleLater(delivery, () -> handler.defer(delivery, reason));
        }
        return shed.size();
    }
}
