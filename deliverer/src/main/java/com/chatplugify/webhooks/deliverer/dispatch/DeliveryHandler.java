package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.FifoFailure;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.DisableReason;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.attempt.AttemptOutcome;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryAttempter;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import com.chatplugify.webhooks.deliverer.engine.Settlement;
import com.chatplugify.webhooks.deliverer.history.AttemptRecorder;
import com.chatplugify.webhooks.deliverer.retry.DeferralReason;
import com.chatplugify.webhooks.deliverer.retry.DeliveryExpiry;
import com.chatplugify.webhooks.deliverer.retry.OutcomeWriter;
import com.chatplugify.webhooks.deliverer.retry.RetryTiers;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one delivery to a durable outcome: reads the webhook as it is now, attempts it unless the webhook is
 * deleted, disabled, gone or its circuit is open, and moves it on according to the outcome; or moves it on without
 * an attempt when the dispatcher cannot hold it. The returned futures complete with how the delivery settled; they
 * never wait on a thread.
 *
 * <p>Each step that may log runs in the delivery's {@link LogContext} (webhook id, event id, record position), so
 * the lines of the {@link OutcomeWriter} it calls carry them too.
 */
public final class DeliveryHandler {

    private static final Logger log = LoggerFactory.getLogger(DeliveryHandler.class);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(30);
    private static final FailedAttempt FAILED_ATTEMPT = new FailedAttempt();
    private static final Handled DELIVERED = new Handled.Settled(Settlement.DURABLE);
    /** How often a FIFO webhook's head asks its open circuit again whether it may go. */
    private static final Duration FIFO_CIRCUIT_WAIT = Duration.ofSeconds(1);

    private final SubscriptionView subscriptions;
    private final DeliveryAttempter attempter;
    private final OutcomeWriter writer;
    private final RetryTiers tiers;
    private final DeliveryExpiry expiry;
    private final DeliveryMetrics metrics;
    private final Executor workers;
    private final AttemptRecorder history;
    private final JsonSerde<Delivery> serde = new JsonSerde<>(Delivery.class);
    private final ThrottledLogger drops = new ThrottledLogger(log, 20);

    /** @param workers where outcomes that write to Kafka are settled, off the HTTP client's threads */
    public DeliveryHandler(SubscriptionView subscriptions, DeliveryAttempter attempter, OutcomeWriter writer,
                           RetryTiers tiers, DeliveryExpiry expiry, DeliveryMetrics metrics, Executor workers,
                           AttemptRecorder history) {
        this.subscriptions = subscriptions;
        this.attempter = attempter;
        this.writer = writer;
        this.tiers = tiers;
        this.expiry = expiry;
        this.metrics = metrics;
        this.workers = workers;
        this.history = history;
    }

    /** What the webhook's settings ask of its endpoint, as they are now. */
    EndpointPolicy policy(String webhookId) {
        return subscriptions.get(webhookId).map(EndpointPolicy::of).orElse(EndpointPolicy.NONE);
    }

    /**
     * Pauses a FIFO webhook: its endpoint parks every delivery of the current version in order, and the
     * subscriptions' owner is asked to disable that version for {@code reason}.
     */
    void pause(String webhookId, DisableReason reason, Endpoint endpoint) {
        subscriptions.get(webhookId).ifPresent(subscription -> pause(subscription, reason, endpoint));
    }

    private CompletableFuture<Settlement> pause(Subscription subscription, DisableReason reason, Endpoint endpoint) {
        if (endpoint.pausedFor(subscription)) {
            return CompletableFuture.completedFuture(Settlement.DURABLE);
        }
        endpoint.markPaused(subscription.version());
        LogContext.webhook(subscription.id()).run(() -> log.warn("FIFO webhook paused ({}): its deliveries are parked "
                + "in order in the dead letters until it is enabled again", reason.code()));
        return writer.disable(subscription, reason);
    }

    /** Parks a delivery for {@code reason}, with the attempts it has made. */
    CompletableFuture<Settlement> deadLetter(PolledDelivery polled, DeadLetterReason reason) {
        return writer.deadLetter(polled.record(), reason, polled.headers().attempts(),
                null, null);
    }

    /** Whether the delivery has waited longer than {@code delivery.max-age}: it is to be {@link #expire}d. */
    boolean expired(PolledDelivery polled) {
        return expiry.expired(polled.record(), polled.headers());
    }

    CompletableFuture<Settlement> expire(PolledDelivery polled) {
        return deadLetter(polled, DeadLetterReason.EXPIRED);
    }

    /**
     * A delivery of a webhook disabled when it was taken, parked without waiting its turn at the endpoint: as
     * {@code endpoint_gone} if it was pending when the endpoint answered 410, else as {@code webhook_disabled}. Should
     * the webhook have been enabled again since, it is written back to its partition to be delivered; deleted, it is
     * dropped.
     */
    CompletableFuture<Settlement> parkDisabled(PolledDelivery polled) {
        return subscriptions.get(polled.webhookId())
                .map(subscription -> subscription.enabled() ? writer.handOver(polled.record())
                        : writer.deadLetter(polled.record(), pendingWhenGone(polled, subscription)
                                ? DeadLetterReason.ENDPOINT_GONE : DeadLetterReason.WEBHOOK_DISABLED,
                                polled.headers().attempts(), null, null))
                .orElseGet(() -> {
                    metrics.dropped(DeliveryMetrics.DROPPED_WEBHOOK_DELETED);
                    drops.info(LogContext.webhook(polled.webhookId()).at(polled.record()),
                            "Dropped delivery: webhook deleted");
                    return CompletableFuture.completedFuture(Settlement.DURABLE);
                });
    }

    /**
     * Moves the delivery to the next retry tier without an attempt, keeping its attempts; or, once it is older than
     * {@code delivery.max-age}, expires it.
     */
    CompletableFuture<Settlement> defer(PolledDelivery polled, DeferralReason reason) {
        return expired(polled) ? expire(polled) : writer.defer(polled.record(), polled.tier(), reason);
    }

    /** Puts a delivery taken but not started back at the end of its partition, unchanged, for the partition's next owner. */
    CompletableFuture<Settlement> handOver(PolledDelivery polled) {
        return writer.handOver(polled.record());
    }

    /**
     * Puts a tier record looked at before it is due back at the end of its tier; or, once it is older than
     * {@code delivery.max-age} (it may have asked for a wait longer than that), expires it.
     */
    CompletableFuture<Settlement> reappend(PolledDelivery polled) {
        return expired(polled) ? expire(polled) : writer.reappend(polled.record());
    }

    /**
     * Attempts a started delivery in {@code slot} of its endpoint, or moves it on without one; a FIFO webhook's failed
     * one is put back to be tried again in place.
     */
    CompletableFuture<Handled> handle(PolledDelivery polled, Endpoint endpoint, Endpoint.AttemptSlot slot) {
        Delivery delivery;
        try {
            delivery = serde.deserialize(polled.record().topic(), polled.record().value());
        } catch (SerializationException e) {
            return settled(unreadable(polled, e.getMessage()));
        }
        if (delivery == null) {
            return settled(unreadable(polled, "empty record"));
        }
        if (!delivery.webhookId().equals(polled.webhookId())) {
            return settled(unreadable(polled, "record key " + polled.webhookId() + " is not its webhookId "
                    + delivery.webhookId()));
        }
        Optional<Subscription> current = subscriptions.get(delivery.webhookId());
        if (current.isPresent()) {
            return decide(polled, delivery, current.get(), endpoint, slot);
        }
        // Unknown to the view: it may not have read the webhook yet. The router fanned this delivery out from a
        // subscription written before now, so once the view has read everything written before now, an absent
        // webhook is a deleted one; no clock is compared, only the view's position in the topic.
        return subscriptions.awaitCaughtUp()
                .orTimeout(VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((caughtUp, e) -> e != null
                        ? settled(defer(polled, DeferralReason.SUBSCRIPTION_UNAVAILABLE))
                        : subscriptions.get(delivery.webhookId())
                                .map(subscription -> decide(polled, delivery, subscription, endpoint, slot))
                                .orElseGet(() -> settled(dropDeleted(polled, delivery))), workers)
                .thenCompose(outcome -> outcome);
    }

    private CompletableFuture<Handled> decide(PolledDelivery polled, Delivery delivery, Subscription subscription,
                                              Endpoint endpoint, Endpoint.AttemptSlot slot) {
        return context(polled, delivery).call(() -> decideInContext(polled, delivery, subscription, endpoint, slot));
    }

    private CompletableFuture<Handled> decideInContext(PolledDelivery polled, Delivery delivery,
                                                       Subscription subscription, Endpoint endpoint,
                                                       Endpoint.AttemptSlot slot) {
        if (!subscription.workspaceId().equals(delivery.workspaceId())) {
            return settled(dropMoved(polled, delivery, subscription));
        }
        int attempts = polled.headers().attempts();
        if (endpoint.goneFor(subscription) || pendingWhenGone(polled, subscription)) {
            return settled(writer.deadLetter(polled.record(), DeadLetterReason.ENDPOINT_GONE, attempts, null, null));
        }
        if (!subscription.enabled() || endpoint.pausedFor(subscription)) {
            return settled(writer.deadLetter(polled.record(), DeadLetterReason.WEBHOOK_DISABLED, attempts, null, null));
        }
        if (subscription.fifo() && expiry.expired(polled.record(), polled.headers())) {
            return settled(endFifoHead(polled, subscription, endpoint, DeadLetterReason.EXPIRED, attempts, null, null));
        }
        CircuitBreaker breaker = endpoint.breakerFor(subscription.url());
        if (!breaker.tryAcquirePermission()) {
            return subscription.fifo()
                    ? CompletableFuture.completedFuture(new Handled.RetryInPlace(polled, FIFO_CIRCUIT_WAIT))
                    : settled(defer(polled, DeferralReason.CIRCUIT_OPEN));
        }
        CompletableFuture<DeliveryAttempter.Result> attempt;
        try {
            attempt = attempter.attempt(delivery, subscription, polled.headers().replayOf() != null);
        } catch (RuntimeException e) {
            // e.g. a secret that is not base64: no attempt was made, so a half-open circuit must not wait for one.
            breaker.releasePermission();
            throw e;
        }
        Attempt made = new Attempt(polled, delivery, subscription, endpoint, breaker, attempts + 1);
        return attempt.thenCompose(result -> {
            history.record(polled, delivery, made.number(), result);
            slot.record(signal(result.outcome()));
            if (result.outcome() instanceof AttemptOutcome.Delivered) {
                // The common case settles on the HTTP thread; the others write to Kafka, which may block, so not there.
                breaker.onSuccess(result.http().latency().toNanos(), TimeUnit.NANOSECONDS);
                logDelivered(made, result);
                return CompletableFuture.completedFuture(DELIVERED);
            }
            return CompletableFuture.supplyAsync(() -> settleFailure(made, result), workers).thenCompose(moved -> moved);
        });
    }

    /**
     * A delivery queued before its webhook was disabled because the endpoint answered 410: pending then, so parked as
     * gone. One queued since is a disabled webhook's, parked as such, to be replayed once it is enabled again.
     */
    private boolean pendingWhenGone(PolledDelivery polled, Subscription subscription) {
        return !subscription.enabled() && DisableReason.ENDPOINT_GONE.code().equals(subscription.disabledReason())
                && subscription.updatedAt() != null
                && expiry.queuedBefore(polled.record(), polled.headers(), subscription.updatedAt());
    }

    /** An attempt made: of which delivery, to which version of its webhook, and its number (1 for the first). */
    private record Attempt(PolledDelivery polled, Delivery delivery, Subscription subscription, Endpoint endpoint,
                           CircuitBreaker breaker, int number) {
    }

    private CompletableFuture<Handled> settleFailure(Attempt made, DeliveryAttempter.Result result) {
        return context(made.polled(), made.delivery()).call(() -> {
            AttemptOutcome outcome = result.outcome();
            long latencyNanos = result.http().latency().toNanos();
            if (outcome instanceof AttemptOutcome.Refused refused) {
                // Counted as an attempt, as the delivery history lists it, though nothing was sent.
                made.breaker().releasePermission();
                return settled(end(made, DeadLetterReason.ENDPOINT_REFUSED, null, refused.reason()));
            }
            if (outcome instanceof AttemptOutcome.Gone gone) {
                made.breaker().onSuccess(latencyNanos, TimeUnit.NANOSECONDS);
                CompletableFuture<Settlement> disabled = disable(made.subscription(), made.endpoint());
                return settled(writer.deadLetter(made.polled().record(), DeadLetterReason.ENDPOINT_GONE, made.number(),
                        gone.status(), "HTTP 410 Gone").thenCombine(disabled, DeliveryHandler::both));
            }
            AttemptOutcome.RetryLater failed = (AttemptOutcome.RetryLater) outcome;
            made.breaker().onError(latencyNanos, TimeUnit.NANOSECONDS, FAILED_ATTEMPT);
            if (retryOutlastsMaxAge(made, failed)) {
                return settled(end(made, DeadLetterReason.EXPIRED, failed.status(), failed.reason()));
            }
            if (made.subscription().fifo()) {
                return retryInPlace(made, failed);
            }
            return settled(writer.retryOrDeadLetter(made.polled().record(), made.number(), failed.retryAfter(),
                    failed.status(), failed.reason()));
        });
    }

    /**
     * Whether the retry of a failure, after its tier's delay or the receiver's longer {@code Retry-After}, would come
     * due only after {@code delivery.max-age}: then the delivery expires now, not after waiting for nothing.
     */
    private boolean retryOutlastsMaxAge(Attempt made, AttemptOutcome.RetryLater failed) {
        return !tiers.exhausted(made.number()) && expiry.outlasts(tiers.wait(made.number(), failed.retryAfter()),
                made.polled().record(), made.polled().headers());
    }

    /**
     * A FIFO webhook's failed delivery: tried again in place after its tier's delay (or the receiver's longer
     * Retry-After), its bookkeeping kept in its record; or, once its retries are used up, the end of it.
     */
    private CompletableFuture<Handled> retryInPlace(Attempt made, AttemptOutcome.RetryLater failed) {
        if (tiers.exhausted(made.number())) {
            return settled(endFifoHead(made.polled(), made.subscription(), made.endpoint(),
                    DeadLetterReason.RETRIES_EXHAUSTED, made.number(), failed.status(), failed.reason()));
        }
        PolledDelivery polled = made.polled();
        DeliveryHeaders moved = polled.headers().inTier(made.number(), null)
                .lastAttempt(failed.status(), failed.reason());
        moved.writeTo(polled.record().headers());
        return CompletableFuture.completedFuture(new Handled.RetryInPlace(
                new PolledDelivery(polled.record(), polled.tracker(), polled.tier(), moved),
                tiers.wait(made.number(), failed.retryAfter())));
    }

    /** Ends the delivery of an attempt made, undelivered. */
    private CompletableFuture<Settlement> end(Attempt made, DeadLetterReason reason, Integer status, String error) {
        return end(made.polled(), made.subscription(), made.endpoint(), reason, made.number(), status, error);
    }

    /**
     * Ends a delivery without delivering it: dead-lettered for {@code reason}; a FIFO webhook's, which can only be its
     * head, as the webhook's {@code onFailure} says.
     */
    private CompletableFuture<Settlement> end(PolledDelivery polled, Subscription subscription, Endpoint endpoint,
                                              DeadLetterReason reason, int attempts, Integer status, String error) {
        return subscription.fifo()
                ? endFifoHead(polled, subscription, endpoint, reason, attempts, status, error)
                : writer.deadLetter(polled.record(), reason, attempts, status, error);
    }

    /**
     * The end of a FIFO webhook's head, undelivered: dead-lettered for {@code reason} (the next one goes), and, when
     * the webhook pauses on failure, the webhook paused.
     */
    private CompletableFuture<Settlement> endFifoHead(PolledDelivery polled, Subscription subscription,
                                                      Endpoint endpoint, DeadLetterReason reason, int attempts,
                                                      Integer status, String error) {
        CompletableFuture<Settlement> parked = writer.deadLetter(polled.record(), reason, attempts, status, error);
        return subscription.onFailure() == FifoFailure.PAUSE
                ? parked.thenCombine(pause(subscription, DisableReason.FIFO_DELIVERY_FAILED, endpoint),
                        DeliveryHandler::both)
                : parked;
    }

    private static CompletableFuture<Handled> settled(CompletableFuture<Settlement> settlement) {
        return settlement.thenApply(Handled.Settled::new);
    }

    /** What an attempt's outcome says about the endpoint's capacity. */
    private static Endpoint.Signal signal(AttemptOutcome outcome) {
        if (outcome instanceof AttemptOutcome.RetryLater) {
            return Endpoint.Signal.FAILED;
        }
        return outcome instanceof AttemptOutcome.Refused ? Endpoint.Signal.NOT_SENT : Endpoint.Signal.ANSWERED;
    }

    /** Asks once per version of the webhook; the outcome is durable once the request is. */
    private CompletableFuture<Settlement> disable(Subscription subscription, Endpoint endpoint) {
        if (endpoint.goneFor(subscription)) {
            return CompletableFuture.completedFuture(Settlement.DURABLE);
        }
        endpoint.markGone(subscription.version());
        log.warn("Endpoint answered 410 Gone: disabling version {} of the webhook; its pending deliveries go to the "
                + "dead letters", subscription.version());
        return writer.disable(subscription, DisableReason.ENDPOINT_GONE);
    }

    /** Durable only when both writes are. */
    private static Settlement both(Settlement one, Settlement other) {
        return one == Settlement.DURABLE && other == Settlement.DURABLE ? Settlement.DURABLE : Settlement.ABANDONED;
    }

    private CompletableFuture<Settlement> dropDeleted(PolledDelivery polled, Delivery delivery) {
        metrics.dropped(DeliveryMetrics.DROPPED_WEBHOOK_DELETED);
        drops.info(context(polled, delivery), "Dropped delivery: webhook deleted");
        return CompletableFuture.completedFuture(Settlement.DURABLE);
    }

    /** The webhook now belongs to another workspace: this workspace's event must never reach it. */
    private CompletableFuture<Settlement> dropMoved(PolledDelivery polled, Delivery delivery, Subscription subscription) {
        metrics.dropped(DeliveryMetrics.DROPPED_WEBHOOK_MOVED);
        drops.info(context(polled, delivery).and(LogContext.WORKSPACE_ID, delivery.workspaceId()),
                "Dropped delivery: webhook moved to workspace {}", subscription.workspaceId());
        return CompletableFuture.completedFuture(Settlement.DURABLE);
    }

    /**
     * Parks a delivery whose processing in {@code endpoint} failed unexpectedly, rather than lose it or retry a bug
     * forever; a FIFO webhook's ends like any other of its heads.
     */
    CompletableFuture<Settlement> internalError(PolledDelivery polled, Endpoint endpoint, Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof RejectedExecutionException) {
            // The deliverer is stopping (its workers refuse new tasks): nothing failed, and its next owner delivers it.
            return CompletableFuture.completedFuture(Settlement.ABANDONED);
        }
        return LogContext.webhook(polled.webhookId()).at(polled.record()).call(() -> {
            log.error("Unexpected failure delivering; dead-lettering it", e);
            int attempts = polled.headers().attempts();
            return subscriptions.get(polled.webhookId())
                    .map(subscription -> end(polled, subscription, endpoint, DeadLetterReason.INTERNAL_ERROR,
                            attempts, null, e.toString()))
                    .orElseGet(() -> writer.deadLetter(polled.record(), DeadLetterReason.INTERNAL_ERROR, attempts,
                            null, e.toString()));
        });
    }

    /**
     * Parks a record that is not a delivery we can read; why goes in its headers, not the log (it may quote it). It
     * pauses no FIFO webhook: it names none that can be trusted, and a replay could not deliver it in order anyway.
     */
    CompletableFuture<Settlement> unreadable(PolledDelivery polled, String why) {
        return writer.deadLetter(polled.record(), DeadLetterReason.UNREADABLE_DELIVERY,
                polled.headers().attempts(), null, why);
    }

    private void logDelivered(Attempt made, DeliveryAttempter.Result result) {
        if (log.isDebugEnabled()) {
            context(made.polled(), made.delivery()).run(() -> log.debug("Delivered: HTTP {} in {} ms, attempt {}",
                    result.http().status(), result.http().latency().toMillis(), made.number()));
        }
    }

    private static LogContext context(PolledDelivery polled, Delivery delivery) {
        return LogContext.delivery(delivery.webhookId(), delivery.event().id()).at(polled.record());
    }

    /** What the breaker records for a failed attempt; the attempt's own error travels in the record's headers. */
    private static final class FailedAttempt extends Exception {

        FailedAttempt() {
            super("failed attempt", null, false, false);
        }
    }
}
