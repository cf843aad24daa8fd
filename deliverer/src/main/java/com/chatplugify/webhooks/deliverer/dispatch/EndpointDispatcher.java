package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.DeliveryOptions;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryAttempter;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.engine.Completions;
import com.chatplugify.webhooks.deliverer.engine.DeliverySink;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import com.chatplugify.webhooks.deliverer.history.AttemptRecorder;
import com.chatplugify.webhooks.deliverer.retry.DeferralReason;
import com.chatplugify.webhooks.deliverer.retry.OutcomeWriter;
import com.chatplugify.webhooks.deliverer.retry.RetryHeaders;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Spreads deliveries over their endpoints (one per webhook) and starts each as soon as its endpoint and the
 * instance have a free slot, so that a slow endpoint only ever holds its own share. Every delivery it takes ends
 * in exactly one {@link Completions#done} call.
 */
public final class EndpointDispatcher implements DeliverySink {

    private static final Logger log = LoggerFactory.getLogger(EndpointDispatcher.class);

    private final DeliveryOptions options;
    private final DeliveryProcessor processor;
    private final OutcomeWriter writer;
    private final SubscriptionView subscriptions;
    private final Completions completions;
    private final Executor workers;
    private final ScheduledExecutorService timer;
    private final Clock clock;
    private final CircuitBreakerConfig breakerConfig;
    private final CapacityGate capacity;
    private final ConcurrentHashMap<String, Endpoint> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger queued = new AtomicInteger();

    public EndpointDispatcher(DeliveryOptions options, SubscriptionView subscriptions, DeliveryAttempter attempter,
                              OutcomeWriter writer, DeliveryMetrics metrics, Completions completions, Executor workers,
                              ScheduledExecutorService timer, Clock clock, AttemptRecorder history) {
        this.options = options;
        this.processor = new DeliveryProcessor(subscriptions, attempter, writer, metrics, workers, history);
        this.writer = writer;
        this.subscriptions = subscriptions;
        this.completions = completions;
        this.workers = workers;
        this.timer = timer;
        this.clock = clock;
        this.capacity = new CapacityGate(options.maxInFlight());
        int threshold = options.breakerFailureThreshold();
        this.breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(threshold)
                .minimumNumberOfCalls(threshold)
                .failureRateThreshold(100)
                .waitDurationInOpenState(options.breakerOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(1)
                .clock(clock)
                .build();
    }

    @Override
    public void submit(PolledDelivery delivery) {
        String webhookId = delivery.webhookId();
        if (webhookId == null) {
            settleLater(delivery, () -> processor.unreadable(delivery, "record has no key (webhook id)"));
            return;
        }
        if (delivery.tier() > 0 && notDueYet(delivery)) {
            settleLater(delivery, () -> writer.reappend(delivery.record()));
            return;
        }
        boolean[] queued = new boolean[1];
        Endpoint endpoint = endpoints.compute(webhookId, (id, existing) -> {
            Endpoint target = existing != null ? existing : new Endpoint(id, options.maxQueuedPerEndpoint(),
                    options.maxInFlightPerEndpoint(), BreakerTransitions.logged(CircuitBreaker.of(id, breakerConfig)));
            queued[0] = target.offer(delivery);
            return target;
        });
        if (queued[0]) {
            this.queued.incrementAndGet();
            scheduleDrain(endpoint);
        } else {
            settleLater(delivery, () -> writer.defer(delivery.record(), delivery.tier(), DeferralReason.BACKLOG_FULL));
        }
    }

    @Override
    public void abandonRevoked() {
        for (Endpoint endpoint : endpoints.values()) {
            for (PolledDelivery delivery : endpoint.removeRevoked()) {
                queued.decrementAndGet();
                completions.done(delivery, false, false);
            }
        }
    }

    /** Forgets endpoints that have been idle a while, so memory follows the active webhooks, not all of them. */
    public void evictIdle(Duration idle) {
        for (String webhookId : endpoints.keySet()) {
            endpoints.computeIfPresent(webhookId, (id, endpoint) -> endpoint.idleFor(idle) ? null : endpoint);
        }
    }

    public int inFlight() {
        return capacity.inUse();
    }

    /** Deliveries waiting in their endpoint's queue. */
    public int queued() {
        return queued.get();
    }

    public int openBreakers() {
        int open = 0;
        for (Endpoint endpoint : endpoints.values()) {
            if (endpoint.breakerState() != CircuitBreaker.State.CLOSED) {
                open++;
            }
        }
        return open;
    }

    private boolean notDueYet(PolledDelivery delivery) {
        Instant now = clock.instant();
        return RetryHeaders.dueAt(delivery.record().headers()).map(now::isBefore).orElse(false);
    }

    private void scheduleDrain(Endpoint endpoint) {
        if (endpoint.startDraining()) {
            workers.execute(() -> drain(endpoint));
        }
    }

    private void drain(Endpoint endpoint) {
        while (true) {
            Endpoint.Take take = endpoint.take(capacity, rateLimit(endpoint.webhookId()));
            if (take.delivery() != null) {
                queued.decrementAndGet();
                start(take.delivery(), endpoint);
            } else {
                if (take.retryInNanos() > 0) {
                    timer.schedule(() -> scheduleDrain(endpoint), take.retryInNanos(), TimeUnit.NANOSECONDS);
                } else if (take.awaitCapacity()) {
                    capacity.awaitSlot(() -> scheduleDrain(endpoint));
                }
                return;
            }
        }
    }

    private Integer rateLimit(String webhookId) {
        return subscriptions.get(webhookId).map(Subscription::rateLimitPerSecond).orElse(null);
    }

    private void start(PolledDelivery delivery, Endpoint endpoint) {
        if (delivery.tracker().revoked()) {
            finish(delivery, endpoint, false, false);
            return;
        }
        delivery.tracker().started();
        CompletableFuture<Boolean> outcome;
        try {
            outcome = processor.process(delivery, endpoint);
        } catch (RuntimeException e) {
            outcome = CompletableFuture.failedFuture(e);
        }
        outcome.exceptionallyCompose(e -> processor.internalError(delivery, e))
                .whenComplete((durable, e) -> finish(delivery, endpoint, Boolean.TRUE.equals(durable), true));
    }

    private void finish(PolledDelivery delivery, Endpoint endpoint, boolean durable, boolean started) {
        endpoint.finished();
        capacity.release();
        completions.done(delivery, durable, started);
        scheduleDrain(endpoint);
    }

    /** Moves a delivery on without an endpoint slot (it cannot or need not be attempted now). */
    private void settleLater(PolledDelivery delivery, Supplier<CompletableFuture<Boolean>> move) {
        delivery.tracker().started();
        workers.execute(() -> {
            CompletableFuture<Boolean> outcome;
            try {
                outcome = move.get();
            } catch (RuntimeException e) {
                outcome = CompletableFuture.failedFuture(e);
            }
            outcome.whenComplete((durable, e) -> {
                if (e != null) {
                    LogContext.webhook(delivery.webhookId()).at(delivery.record())
                            .run(() -> log.error("Could not move delivery", e));
                }
                completions.done(delivery, Boolean.TRUE.equals(durable), true);
            });
        });
    }
}
