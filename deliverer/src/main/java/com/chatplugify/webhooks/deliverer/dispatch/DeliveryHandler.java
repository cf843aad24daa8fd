package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.DisableReason;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.attempt.AttemptOutcome;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryAttempter;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import com.chatplugify.webhooks.deliverer.engine.Settlement;
import com.chatplugify.webhooks.deliverer.history.AttemptRecorder;
import com.chatplugify.webhooks.deliverer.retry.DeadLetterReason;
import com.chatplugify.webhooks.deliverer.retry.DeferralReason;
import com.chatplugify.webhooks.deliverer.retry.DeliveryExpiry;
import com.chatplugify.webhooks.deliverer.retry.OutcomeWriter;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
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

    private final SubscriptionView subscriptions;
    private final DeliveryAttempter attempter;
    private final OutcomeWriter writer;
    private final DeliveryExpiry expiry;
    private final DeliveryMetrics metrics;
    private final Executor workers;
    private final AttemptRecorder history;
    private final JsonSerde<Delivery> serde = new JsonSerde<>(Delivery.class);
    private final ThrottledLogger drops = new ThrottledLogger(log, 20);

    /** @param workers where outcomes that write to Kafka are settled, off the HTTP client's threads */
    public DeliveryHandler(SubscriptionView subscriptions, DeliveryAttempter attempter, OutcomeWriter writer,
                           DeliveryExpiry expiry, DeliveryMetrics metrics, Executor workers, AttemptRecorder history) {
        this.subscriptions = subscriptions;
        this.attempter = attempter;
        this.writer = writer;
        this.expiry = expiry;
        this.metrics = metrics;
        this.workers = workers;
        this.history = history;
    }

    /** The webhook's rate limit as it is now, or null for none. */
    Integer rateLimit(String webhookId) {
        return subscriptions.get(webhookId).map(Subscription::rateLimitPerSecond).orElse(null);
    }

    /** Whether the delivery has waited longer than {@code delivery.max-age}: it is to be {@link #expire}d. */
    boolean expired(PolledDelivery polled) {
        return expiry.expired(polled.record());
    }

    CompletableFuture<Settlement> expire(PolledDelivery polled) {
        return writer.deadLetter(polled.record(), DeadLetterReason.EXPIRED, DeliveryHeaders.readFrom(polled.record().headers()).attempts(),
                null, null);
    }

    /** Moves the delivery to the next retry tier without an attempt, keeping its attempts. */
    CompletableFuture<Settlement> defer(PolledDelivery polled, DeferralReason reason) {
        return writer.defer(polled.record(), polled.tier(), reason);
    }

    /** Puts a tier record looked at before it is due back at the end of its tier. */
    CompletableFuture<Settlement> reappend(PolledDelivery polled) {
        return writer.reappend(polled.record());
    }

    /** Attempts a started delivery in {@code slot} of its endpoint, or moves it on without one. */
    CompletableFuture<Settlement> handle(PolledDelivery polled, Endpoint endpoint, Endpoint.AttemptSlot slot) {
        Delivery delivery;
        try {
            delivery = serde.deserialize(polled.record().topic(), polled.record().value());
        } catch (SerializationException e) {
            return unreadable(polled, e.getMessage());
        }
        if (delivery == null) {
            return unreadable(polled, "empty record");
        }
        if (!delivery.webhookId().equals(polled.webhookId())) {
            return unreadable(polled, "record key " + polled.webhookId() + " is not its webhookId " + delivery.webhookId());
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
                        ? defer(polled, DeferralReason.SUBSCRIPTION_UNAVAILABLE)
                        : subscriptions.get(delivery.webhookId())
                                .map(subscription -> decide(polled, delivery, subscription, endpoint, slot))
                                .orElseGet(() -> dropDeleted(polled, delivery)), workers)
                .thenCompose(outcome -> outcome);
    }

    private CompletableFuture<Settlement> decide(PolledDelivery polled, Delivery delivery, Subscription subscription,
                                                 Endpoint endpoint, Endpoint.AttemptSlot slot) {
        return context(polled, delivery).call(() -> decideInContext(polled, delivery, subscription, endpoint, slot));
    }

    private CompletableFuture<Settlement> decideInContext(PolledDelivery polled, Delivery delivery,
                                                          Subscription subscription, Endpoint endpoint,
                                                          Endpoint.AttemptSlot slot) {
        if (!subscription.workspaceId().equals(delivery.workspaceId())) {
            return dropMoved(polled, delivery, subscription);
        }
        int attempts = DeliveryHeaders.readFrom(polled.record().headers()).attempts();
        if (endpoint.goneFor(subscription)) {
            return writer.deadLetter(polled.record(), DeadLetterReason.ENDPOINT_GONE, attempts, null, null);
        }
        if (!subscription.enabled()) {
            return writer.deadLetter(polled.record(), DeadLetterReason.WEBHOOK_DISABLED, attempts, null, null);
        }
        CircuitBreaker breaker = endpoint.breakerFor(subscription.url());
        if (!breaker.tryAcquirePermission()) {
            return defer(polled, DeferralReason.CIRCUIT_OPEN);
        }
        CompletableFuture<DeliveryAttempter.Result> attempt;
        try {
            attempt = attempter.attempt(delivery, subscription);
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
                return CompletableFuture.completedFuture(Settlement.DURABLE);
            }
            return CompletableFuture.supplyAsync(() -> settleFailure(made, result), workers).thenCompose(moved -> moved);
        });
    }

    /** An attempt made: of which delivery, to which version of its webhook, and its number (1 for the first). */
    private record Attempt(PolledDelivery polled, Delivery delivery, Subscription subscription, Endpoint endpoint,
                           CircuitBreaker breaker, int number) {
    }

    private CompletableFuture<Settlement> settleFailure(Attempt made, DeliveryAttempter.Result result) {
        return context(made.polled(), made.delivery()).call(() -> {
            AttemptOutcome outcome = result.outcome();
            long latencyNanos = result.http().latency().toNanos();
            if (outcome instanceof AttemptOutcome.Refused refused) {
                made.breaker().releasePermission();
                return writer.deadLetter(made.polled().record(), DeadLetterReason.ENDPOINT_REFUSED, made.number() - 1,
                        null, refused.reason());
            }
            if (outcome instanceof AttemptOutcome.Gone gone) {
                made.breaker().onSuccess(latencyNanos, TimeUnit.NANOSECONDS);
                CompletableFuture<Settlement> disabled = disable(made.subscription(), made.endpoint());
                return writer.deadLetter(made.polled().record(), DeadLetterReason.ENDPOINT_GONE, made.number(),
                        gone.status(), "HTTP 410 Gone").thenCombine(disabled, DeliveryHandler::both);
            }
            AttemptOutcome.RetryLater failed = (AttemptOutcome.RetryLater) outcome;
            made.breaker().onError(latencyNanos, TimeUnit.NANOSECONDS, FAILED_ATTEMPT);
            return writer.retryOrDeadLetter(made.polled().record(), made.number(), failed.retryAfter(), failed.status(),
                    failed.reason());
        });
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

    /** Parks a delivery whose processing failed unexpectedly, rather than lose it or retry a bug forever. */
    CompletableFuture<Settlement> internalError(PolledDelivery polled, Throwable e) {
        return LogContext.webhook(polled.webhookId()).at(polled.record()).call(() -> {
            log.error("Unexpected failure delivering; dead-lettering it", e);
            return writer.deadLetter(polled.record(), DeadLetterReason.INTERNAL_ERROR,
                    DeliveryHeaders.readFrom(polled.record().headers()).attempts(), null, e.toString());
        });
    }

    /** Parks a record that is not a delivery we can read; why goes in its headers, not the log (it may quote it). */
    CompletableFuture<Settlement> unreadable(PolledDelivery polled, String why) {
        return writer.deadLetter(polled.record(), DeadLetterReason.UNREADABLE_DELIVERY,
                DeliveryHeaders.readFrom(polled.record().headers()).attempts(), null, why);
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
