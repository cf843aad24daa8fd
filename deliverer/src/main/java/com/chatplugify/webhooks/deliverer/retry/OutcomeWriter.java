package com.chatplugify.webhooks.deliverer.retry;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves deliveries on: to a retry tier, back to the end of their tier, or to the dead-letter topic, with the same
 * key and value and the bookkeeping headers of {@link DeliveryHeaders}; and writes a webhook back disabled.
 *
 * <p>Every method's future completes with {@code true} once the broker has acknowledged the record (the outcome
 * is durable and the source offset may be committed), or {@code false} when the writer was stopped first. It never
 * completes exceptionally: a failed send is tried again, with backoff, until it succeeds or the writer stops.
 *
 * <p>Each move is logged with the webhook id and the source record's position; the caller's {@link LogContext}
 * adds the event id. A retry scheduled and a dead letter are INFO lines, a deferral DEBUG; at most a few dozen a
 * second of each are written, the metrics count them all.
 */
public final class OutcomeWriter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final Producer<String, byte[]> producer;
    private final RetryTiers tiers;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final SubscriptionCodec subscriptions;
    private final ThrottledLogger retryLines = new ThrottledLogger(log, 20);
    private final ThrottledLogger deadLetterLines = new ThrottledLogger(log, 20);
    private final ThrottledLogger writeFailureLines = new ThrottledLogger(log, 5);
    private volatile boolean stopped;

    /** @param subscriptions writes a webhook back disabled, its secrets encrypted as every write of that topic */
    public OutcomeWriter(Producer<String, byte[]> producer, RetryTiers tiers, DeliveryMetrics metrics, Clock clock,
                         ScheduledExecutorService timer, SubscriptionCodec subscriptions) {
        this.producer = producer;
        this.subscriptions = subscriptions;
        this.tiers = tiers;
        this.metrics = metrics;
        this.clock = clock;
        this.timer = timer;
    }

    /** After failed attempt number {@code attemptsMade}: the next tier, or the DLQ when retries are used up. */
    public CompletableFuture<Boolean> retryOrDeadLetter(ConsumerRecord<String, byte[]> source, int attemptsMade,
                                                        Optional<Duration> retryAfter, Integer status, String error) {
        if (tiers.exhausted(attemptsMade)) {
            return deadLetter(source, DeadLetterReason.RETRIES_EXHAUSTED, attemptsMade, status, error);
        }
        RetryTiers.Placement placement = tiers.retry(attemptsMade, retryAfter, clock.instant());
        Headers headers = RetryHeaders.carried(source.headers());
        RetryHeaders.set(headers, DeliveryHeaders.ATTEMPTS, Integer.toString(attemptsMade));
        RetryHeaders.set(headers, DeliveryHeaders.DUE_AT, Long.toString(placement.dueAt().toEpochMilli()));
        lastAttempt(headers, status, error);
        metrics.retryScheduled(placement.tier());
        retryLines.info(context(source), "Attempt {} failed ({}); retry scheduled in tier {} for {}", attemptsMade,
                error, placement.tier(), placement.dueAt());
        return send(new ProducerRecord<>(Topics.retryTier(placement.tier()), null, source.key(), source.value(), headers));
    }

    /** Moves a delivery to the tier after {@code currentTier} without an attempt; its attempts stay as they are. */
    public CompletableFuture<Boolean> defer(ConsumerRecord<String, byte[]> source, int currentTier, DeferralReason reason) {
        RetryTiers.Placement placement = tiers.deferral(currentTier, clock.instant());
        Headers headers = RetryHeaders.carried(source.headers());
        RetryHeaders.set(headers, DeliveryHeaders.ATTEMPTS, Integer.toString(RetryHeaders.attempts(source.headers())));
        RetryHeaders.set(headers, DeliveryHeaders.DUE_AT, Long.toString(placement.dueAt().toEpochMilli()));
        metrics.deferred(reason.code());
        if (log.isDebugEnabled()) {
            context(source).run(() -> log.debug("Deferred to tier {} for {} without an attempt: {}", placement.tier(),
                    placement.dueAt(), reason.code()));
        }
        return send(new ProducerRecord<>(Topics.retryTier(placement.tier()), null, source.key(), source.value(), headers));
    }

    /** Puts a tier record that is not due yet back at the end of its tier, unchanged. */
    public CompletableFuture<Boolean> reappend(ConsumerRecord<String, byte[]> source) {
        metrics.deferred(DeferralReason.NOT_YET_DUE.code());
        return send(new ProducerRecord<>(source.topic(), null, source.key(), source.value(),
                new RecordHeaders(source.headers().toArray())));
    }

    /**
     * Parks a delivery. {@code status} and {@code error} describe the attempt that led here; when null, those of
     * an earlier attempt are kept, or the reason's description stands in.
     */
    public CompletableFuture<Boolean> deadLetter(ConsumerRecord<String, byte[]> source, DeadLetterReason reason,
                                                 int attempts, Integer status, String error) {
        Headers headers = RetryHeaders.carried(source.headers());
        RetryHeaders.set(headers, DeliveryHeaders.REASON, reason.code());
        RetryHeaders.set(headers, DeliveryHeaders.ATTEMPTS, Integer.toString(attempts));
        lastAttempt(headers, status, error);
        if (headers.lastHeader(DeliveryHeaders.LAST_ERROR) == null) {
            RetryHeaders.set(headers, DeliveryHeaders.LAST_ERROR, reason.description());
        }
        RetryHeaders.set(headers, DeliveryHeaders.FAILED_AT, clock.instant().toString());
        RetryHeaders.set(headers, DeliveryHeaders.ORIGIN_TOPIC, source.topic());
        RetryHeaders.set(headers, DeliveryHeaders.ORIGIN_PARTITION, Integer.toString(source.partition()));
        RetryHeaders.set(headers, DeliveryHeaders.ORIGIN_OFFSET, Long.toString(source.offset()));
        metrics.deadLettered(reason.code());
        // Without the error text: an unreadable record's would quote its content.
        deadLetterLines.info(context(source), "Dead-lettered: {} after {} attempts", reason.code(), attempts);
        return send(new ProducerRecord<>(Topics.DLQ, null, source.key(), source.value(), headers));
    }

    /** Writes {@code subscription} back disabled, as of now; returns when it was disabled. */
    public Instant disable(Subscription subscription) {
        Instant now = clock.instant();
        send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, subscription.id(),
                subscriptions.encode(subscription.withEnabled(false, now))));
        return now;
    }

    /** From now on, failed sends are given up instead of tried again (shutdown). */
    public void stop() {
        stopped = true;
    }

    private static LogContext context(ConsumerRecord<String, byte[]> source) {
        return LogContext.webhook(source.key()).at(source);
    }

    private static void lastAttempt(Headers headers, Integer status, String error) {
        if (status != null) {
            RetryHeaders.set(headers, DeliveryHeaders.LAST_STATUS, status.toString());
        } else if (error != null) {
            headers.remove(DeliveryHeaders.LAST_STATUS);
        }
        if (error != null) {
            RetryHeaders.set(headers, DeliveryHeaders.LAST_ERROR, error);
        }
    }

    private CompletableFuture<Boolean> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Boolean> acked = new CompletableFuture<>();
        send(record, acked, 0);
        return acked;
    }

    private void send(ProducerRecord<String, byte[]> record, CompletableFuture<Boolean> acked, int failures) {
        if (stopped && failures > 0) {
            acked.complete(false);
            return;
        }
        try {
            producer.send(record, (metadata, e) -> {
                if (e == null) {
                    acked.complete(true);
                } else {
                    sendLater(record, acked, failures + 1, e);
                }
            });
        } catch (RuntimeException e) {
            // A producer closed at shutdown, or a client-side failure: the record is not durable yet, so try again.
            sendLater(record, acked, failures + 1, e);
        }
    }

    private void sendLater(ProducerRecord<String, byte[]> record, CompletableFuture<Boolean> acked, int failures,
                           Exception cause) {
        if (stopped) {
            acked.complete(false);
            return;
        }
        long backoffMs = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failures - 1, 10));
        writeFailureLines.warn(LogContext.webhook(record.key()),
                "Cannot write to {} (failure {}), trying again in {} ms: {}", record.topic(), failures, backoffMs,
                cause.toString());
        try {
            timer.schedule(() -> send(record, acked, failures), backoffMs, TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            acked.complete(false);
        }
    }
}
