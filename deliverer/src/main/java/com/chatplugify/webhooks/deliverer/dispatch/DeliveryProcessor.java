package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.deliverer.attempt.AttemptOutcome;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryAttempter;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import com.chatplugify.webhooks.deliverer.history.AttemptRecorder;
import com.chatplugify.webhooks.deliverer.retry.DeadLetterReason;
import com.chatplugify.webhooks.deliverer.retry.DeferralReason;
import com.chatplugify.webhooks.deliverer.retry.OutcomeWriter;
import com.chatplugify.webhooks.deliverer.retry.RetryHeaders;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.errors.SerializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one started delivery to a durable outcome: reads the webhook as it is now, attempts it unless the webhook
 * is deleted, disabled, gone or its circuit is open, and moves it on according to the outcome. The returned
 * future completes with whether that outcome is durable; it never waits on a thread.
 *
 * <p>Each step that may log runs in the delivery's {@link LogContext} (webhook id, event id, record position), so
 * the lines of the {@link OutcomeWriter} it calls carry them too.
 */
final class DeliveryProcessor {

    private static final Logger log = LoggerFactory.getLogger(DeliveryProcessor.class);
    private static final Duration VIEW_WAIT = Duration.ofSeconds(30);
    private static final FailedAttempt FAILED_ATTEMPT = new FailedAttempt();

    private final SubscriptionView subscriptions;
    private final DeliveryAttempter attempter;
    private final OutcomeWriter writer;
    private final DeliveryMetrics metrics;
    private final Executor workers;
    private final AttemptRecorder history;
    private final JsonSerde<Delivery> serde = new JsonSerde<>(Delivery.class);
    private final ThrottledLogger drops = new ThrottledLogger(log, 20);

    DeliveryProcessor(SubscriptionView subscriptions, DeliveryAttempter attempter, OutcomeWriter writer,
                      DeliveryMetrics metrics, Executor workers, AttemptRecorder history) {
        this.subscriptions = subscriptions;
        this.attempter = attempter;
        this.writer = writer;
        this.metrics = metrics;
        this.workers = workers;
        this.history = history;
    }

    CompletableFuture<Boolean> process(PolledDelivery polled, Endpoint endpoint) {
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
            return decide(polled, delivery, current.get(), endpoint);
        }
        // Unknown to the view: it may not have read the webhook yet. Once it has read everything written before
        // this record, an absent webhook is a deleted one.
        return subscriptions.awaitCaughtUp(Instant.ofEpochMilli(polled.record().timestamp()))
                .orTimeout(VIEW_WAIT.toMillis(), TimeUnit.MILLISECONDS)
                .handleAsync((caughtUp, e) -> e != null
                        ? writer.defer(polled.record(), polled.tier(), DeferralReason.SUBSCRIPTION_UNAVAILABLE)
                        : subscriptions.get(delivery.webhookId())
                                .map(subscription -> decide(polled, delivery, subscription, endpoint))
                                .orElseGet(() -> dropDeleted(polled, delivery)), workers)
                .thenCompose(outcome -> outcome);
    }

    private CompletableFuture<Boolean> decide(PolledDelivery polled, Delivery delivery, Subscription subscription,
                                              Endpoint endpoint) {
        return context(polled, delivery).call(() -> decideInContext(polled, delivery, subscription, endpoint));
    }

    private CompletableFuture<Boolean> decideInContext(PolledDelivery polled, Delivery delivery,
                                                       Subscription subscription, Endpoint endpoint) {
        if (!subscription.workspaceId().equals(delivery.workspaceId())) {
            return dropMoved(polled, delivery, subscription);
        }
        int attempts = RetryHeaders.attempts(polled.record().headers());
        if (endpoint.goneFor(subscription)) {
            return writer.deadLetter(polled.record(), DeadLetterReason.ENDPOINT_GONE, attempts, null, null);
        }
        if (!subscription.enabled()) {
            return writer.deadLetter(polled.record(), DeadLetterReason.WEBHOOK_DISABLED, attempts, null, null);
        }
        CircuitBreaker breaker = endpoint.breakerFor(subscription.url());
        if (!breaker.tryAcquirePermission()) {
            return writer.defer(polled.record(), polled.tier(), DeferralReason.CIRCUIT_OPEN);
        }
        CompletableFuture<DeliveryAttempter.Result> attempt;
        try {
            attempt = attempter.attempt(delivery, subscription);
        } catch (RuntimeException e) {
            // e.g. a secret that is not base64: no attempt was made, so a half-open circuit must not wait for one.
            breaker.releasePermission();
            throw e;
        }
        return attempt.thenCompose(result -> {
            history.record(polled, delivery, attempts + 1, result);
            if (result.outcome() instanceof AttemptOutcome.Delivered) {
                // The common case settles on the HTTP thread; the others write to Kafka, which may block, so not there.
                breaker.onSuccess(result.http().latency().toNanos(), TimeUnit.NANOSECONDS);
                logDelivered(polled, delivery, attempts, result);
                return CompletableFuture.completedFuture(true);
            }
            return CompletableFuture.supplyAsync(() -> settleFailure(polled, delivery, subscription, endpoint, breaker,
                    attempts, result), workers).thenCompose(moved -> moved);
        });
    }

    private CompletableFuture<Boolean> settleFailure(PolledDelivery polled, Delivery delivery, Subscription subscription,
                                                     Endpoint endpoint, CircuitBreaker breaker, int attempts,
                                                     DeliveryAttempter.Result result) {
        return context(polled, delivery).call(() ->
                settleFailureInContext(polled, delivery, subscription, endpoint, breaker, attempts, result));
    }

    private CompletableFuture<Boolean> settleFailureInContext(PolledDelivery polled, Delivery delivery,
                                                              Subscription subscription, Endpoint endpoint,
                                                              CircuitBreaker breaker, int attempts,
                                                              DeliveryAttempter.Result result) {
        AttemptOutcome outcome = result.outcome();
        long latencyNanos = result.http().latency().toNanos();
        if (outcome instanceof AttemptOutcome.Refused refused) {
            breaker.releasePermission();
            return writer.deadLetter(polled.record(), DeadLetterReason.ENDPOINT_REFUSED, attempts, null,
                    refused.reason());
        }
        if (outcome instanceof AttemptOutcome.Gone gone) {
            breaker.onSuccess(latencyNanos, TimeUnit.NANOSECONDS);
            disable(subscription, endpoint);
            return writer.deadLetter(polled.record(), DeadLetterReason.ENDPOINT_GONE, attempts + 1, gone.status(),
                    "HTTP 410 Gone");
        }
        AttemptOutcome.RetryLater failed = (AttemptOutcome.RetryLater) outcome;
        breaker.onError(latencyNanos, TimeUnit.NANOSECONDS, FAILED_ATTEMPT);
        return writer.retryOrDeadLetter(polled.record(), attempts + 1, failed.retryAfter(), failed.status(),
                failed.reason());
    }

    private void disable(Subscription subscription, Endpoint endpoint) {
        if (!endpoint.goneFor(subscription)) {
            endpoint.markGone(writer.disable(subscription));
            log.warn("Endpoint answered 410 Gone: webhook disabled; its pending deliveries go to the dead letters");
        }
    }

    private CompletableFuture<Boolean> dropDeleted(PolledDelivery polled, Delivery delivery) {
        metrics.dropped(DeliveryMetrics.DROPPED_WEBHOOK_DELETED);
        drops.info(context(polled, delivery), "Dropped delivery: webhook deleted");
        return CompletableFuture.completedFuture(true);
    }

    /** The webhook now belongs to another workspace: this workspace's event must never reach it. */
    private CompletableFuture<Boolean> dropMoved(PolledDelivery polled, Delivery delivery, Subscription subscription) {
        metrics.dropped(DeliveryMetrics.DROPPED_WEBHOOK_MOVED);
        drops.info(context(polled, delivery).and(LogContext.WORKSPACE_ID, delivery.workspaceId()),
                "Dropped delivery: webhook moved to workspace {}", subscription.workspaceId());
        return CompletableFuture.completedFuture(true);
    }

    /** Parks a delivery whose processing failed unexpectedly, rather than lose it or retry a bug forever. */
    CompletableFuture<Boolean> internalError(PolledDelivery polled, Throwable e) {
        return LogContext.webhook(polled.webhookId()).at(polled.record()).call(() -> {
            log.error("Unexpected failure delivering; dead-lettering it", e);
            return writer.deadLetter(polled.record(), DeadLetterReason.INTERNAL_ERROR,
                    RetryHeaders.attempts(polled.record().headers()), null, e.toString());
        });
    }

    /** Parks a record that is not a delivery we can read; why goes in its headers, not the log (it may quote it). */
    CompletableFuture<Boolean> unreadable(PolledDelivery polled, String why) {
        return writer.deadLetter(polled.record(), DeadLetterReason.UNREADABLE_DELIVERY,
                RetryHeaders.attempts(polled.record().headers()), null, why);
    }

    private void logDelivered(PolledDelivery polled, Delivery delivery, int attempts, DeliveryAttempter.Result result) {
        if (log.isDebugEnabled()) {
            context(polled, delivery).run(() -> log.debug("Delivered: HTTP {} in {} ms, attempt {}",
                    result.http().status(), result.http().latency().toMillis(), attempts + 1));
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
