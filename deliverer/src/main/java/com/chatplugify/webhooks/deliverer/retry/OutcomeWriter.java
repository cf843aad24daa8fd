package com.chatplugify.webhooks.deliverer.retry;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.DisableReason;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.engine.Settlement;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.ExponentialBackoff;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Moves deliveries on: to a retry tier, back to the end of their tier, or to the dead-letter topic, with the same
 * key and value and the bookkeeping headers of {@link DeliveryHeaders}; and asks for a webhook to be disabled.
 *
 * <p>Every method's future completes with {@link Settlement#DURABLE} once the broker has acknowledged the record
 * (the source offset may be committed), or {@link Settlement#ABANDONED} when the writer was stopped first. It never
 * completes exceptionally. A send that fails for a reason that may pass (a broker away, a leader moving) is tried
 * again, with backoff, until it succeeds or the writer stops (each failure counted by topic, so that a write that
 * keeps failing, e.g. to a deleted topic, shows in the metrics); one that cannot succeed by trying again (not
 * authorized, record too large, ...) is abandoned, so its offset is never committed, and reported to
 * {@code onPermanentFailure}, which stops the deliverer: nothing is lost, and nothing retries it forever.
 *
 * <p>Each move is logged with the webhook id and the source record's position; the caller's {@link LogContext}
 * adds the event id. A retry scheduled and a dead letter are INFO lines, a deferral DEBUG; at most a few dozen a
 * second of each are written, the metrics count them all.
 */
public final class OutcomeWriter {

    private static final Logger log = LoggerFactory.getLogger(OutcomeWriter.class);
    /** Between tries of a failed write: 0.5 s doubling to 30 s, with a fifth of jitter. */
    private static final ExponentialBackoff BACKOFF = new ExponentialBackoff(500, 2, 30_000, 0.2);

    private final Producer<String, byte[]> producer;
    private final RetryTiers tiers;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Consumer<Throwable> onPermanentFailure;
    private final CommandCodec commands;
    private final ThrottledLogger retryLines = new ThrottledLogger(log, 20);
    private final ThrottledLogger deadLetterLines = new ThrottledLogger(log, 20);
    private final ThrottledLogger writeFailureLines = new ThrottledLogger(log, 5);
    private volatile boolean stopped;

    /**
     * @param commands           writes the requests to the subscriptions' owner
     * @param onPermanentFailure told of a write that cannot succeed by trying again (its record is abandoned)
     */
    public OutcomeWriter(Producer<String, byte[]> producer, RetryTiers tiers, DeliveryMetrics metrics, Clock clock,
                         ScheduledExecutorService timer, CommandCodec commands,
                         Consumer<Throwable> onPermanentFailure) {
        this.producer = producer;
        this.commands = commands;
        this.tiers = tiers;
        this.metrics = metrics;
        this.clock = clock;
        this.timer = timer;
        this.onPermanentFailure = onPermanentFailure;
    }

    /** After failed attempt number {@code attemptsMade}: the next tier, or the DLQ when retries are used up. */
    public CompletableFuture<Settlement> retryOrDeadLetter(ConsumerRecord<String, byte[]> source, int attemptsMade,
                                                           Optional<Duration> retryAfter, Integer status, String error) {
        if (tiers.exhausted(attemptsMade)) {
            return deadLetter(source, DeadLetterReason.RETRIES_EXHAUSTED, attemptsMade, status, error);
        }
        RetryTiers.Placement placement = tiers.retry(attemptsMade, retryAfter, clock.instant());
        retryLines.info(context(source), "Attempt {} failed ({}); retry scheduled in tier {} for {}", attemptsMade,
                error, placement.tier(), placement.dueAt());
        return whenDurable(send(moved(source, Topics.retryTier(placement.tier()),
                        trail(source).inTier(attemptsMade, placement.dueAt()).lastAttempt(status, error))),
                () -> metrics.retryScheduled(placement.tier()));
    }

    /** Moves a delivery to the tier after {@code currentTier} without an attempt; its attempts stay as they are. */
    public CompletableFuture<Settlement> defer(ConsumerRecord<String, byte[]> source, int currentTier, DeferralReason reason) {
        RetryTiers.Placement placement = tiers.deferral(currentTier, clock.instant());
        DeliveryHeaders trail = trail(source);
        metrics.deferred(reason.code());
        if (log.isDebugEnabled()) {
            context(source).run(() -> log.debug("Deferred to tier {} for {} without an attempt: {}", placement.tier(),
                    placement.dueAt(), reason.code()));
        }
        return send(moved(source, Topics.retryTier(placement.tier()), trail.inTier(trail.attempts(), placement.dueAt())));
    }

    /** Puts a tier record that is not due yet back at the end of its tier, unchanged. */
    public CompletableFuture<Settlement> reappend(ConsumerRecord<String, byte[]> source) {
        metrics.deferred(DeferralReason.NOT_YET_DUE.code());
        return send(new ProducerRecord<>(source.topic(), null, source.key(), source.value(),
                new RecordHeaders(source.headers().toArray())));
    }

    /**
     * Writes a record again at the end of its partition, unchanged, its timestamp included ({@code delivery.max-age}
     * and a tier's delay count from it), so that the offset it had may be committed.
     */
    public CompletableFuture<Settlement> handOver(ConsumerRecord<String, byte[]> source) {
        return send(new ProducerRecord<>(source.topic(), source.partition(), source.timestamp(), source.key(),
                source.value(), new RecordHeaders(source.headers().toArray())));
    }

    /**
     * Parks a delivery. {@code status} and {@code error} describe the attempt that led here; when null, those of
     * an earlier attempt are kept, or the reason's description stands in.
     */
    public CompletableFuture<Settlement> deadLetter(ConsumerRecord<String, byte[]> source, DeadLetterReason reason,
                                                    int attempts, Integer status, String error) {
        DeliveryHeaders trail = trail(source).deadLettered(reason.code(), attempts, clock.instant(), source.topic(),
                source.partition(), source.offset()).lastAttempt(status, error);
        if (trail.lastError() == null) {
            trail = trail.lastAttempt(null, reason.description());
        }
        // Taken now, with the event the caller's log context names: the line is written on the producer's thread.
        LogContext context = context(source).and(LogContext.EVENT_ID, MDC.get(LogContext.EVENT_ID));
        return whenDurable(send(moved(source, Topics.DLQ, trail)), () -> {
            metrics.deadLettered(reason.code());
            // Without the error text: an unreadable record's would quote its content.
            deadLetterLines.info(context, "Dead-lettered: {} after {} attempts", reason.code(), attempts);
        });
    }

    /** Runs {@code counted} once the write is acknowledged: what is counted and logged as done is in Kafka. */
    private static CompletableFuture<Settlement> whenDurable(CompletableFuture<Settlement> write, Runnable counted) {
        return write.thenApply(settlement -> {
            if (settlement == Settlement.DURABLE) {
                counted.run();
            }
            return settlement;
        });
    }

    /**
     * Asks the subscriptions' owner to disable {@code subscription} as it is at its version, for {@code reason}: a
     * webhook changed since (new URL, rotated secret, re-enabled) or deleted is left alone. The deliverer never
     * writes a subscription itself.
     */
    public CompletableFuture<Settlement> disable(Subscription subscription, DisableReason reason) {
        SubscriptionCommand command = SubscriptionCommand.disable(subscription.id(), subscription.version(), reason);
        return send(new ProducerRecord<>(Topics.SUBSCRIPTION_COMMANDS, subscription.id(), commands.encode(command)));
    }

    /** From now on nothing is written, first tries included (shutdown, after the engine's last commit). */
    public void stop() {
        stopped = true;
    }

    /** The source's bookkeeping, with when the delivery was first queued (set on its first move). */
    private DeliveryHeaders trail(ConsumerRecord<String, byte[]> source) {
        DeliveryHeaders headers = DeliveryHeaders.readFrom(source.headers());
        return headers.queuedSince(DeliveryExpiry.queuedAt(source, headers, clock.instant()));
    }

    /** The source's key, value and headers (those of others too), with {@code trail} written over its own. */
    private static ProducerRecord<String, byte[]> moved(ConsumerRecord<String, byte[]> source, String topic,
                                                        DeliveryHeaders trail) {
        Headers headers = new RecordHeaders(source.headers().toArray());
        trail.writeTo(headers);
        return new ProducerRecord<>(topic, null, source.key(), source.value(), headers);
    }

    private static LogContext context(ConsumerRecord<String, byte[]> source) {
        return LogContext.webhook(source.key()).at(source);
    }

    private CompletableFuture<Settlement> send(ProducerRecord<String, byte[]> record) {
        CompletableFuture<Settlement> acked = new CompletableFuture<>();
        send(record, acked, 0);
        return acked;
    }

    private void send(ProducerRecord<String, byte[]> record, CompletableFuture<Settlement> acked, int failures) {
        // Stopped once the engine has made its last commit: a record written now (a late attempt's retry, or a dead
        // letter of a hand-over refused at shutdown) would be a copy, since its source is delivered again from there.
        if (stopped) {
            acked.complete(Settlement.ABANDONED);
            return;
        }
        try {
            producer.send(record, (metadata, e) -> {
                if (e == null) {
                    acked.complete(Settlement.DURABLE);
                } else {
                    sendLater(record, acked, failures + 1, e);
                }
            });
        } catch (RuntimeException e) {
            // A client-side failure (or a producer closed at shutdown): the record is not durable yet.
            sendLater(record, acked, failures + 1, e);
        }
    }

    private void sendLater(ProducerRecord<String, byte[]> record, CompletableFuture<Settlement> acked, int failures,
                           Exception cause) {
        if (stopped) {
            acked.complete(Settlement.ABANDONED);
            return;
        }
        metrics.outcomeWriteFailed(record.topic());
        if (!(cause instanceof RetriableException)) {
            acked.complete(Settlement.ABANDONED);
            onPermanentFailure.accept(new PermanentWriteException(record.topic(), cause));
            return;
        }
        long backoffMs = BACKOFF.backoff(failures - 1);
        writeFailureLines.warn(LogContext.webhook(record.key()),
                "Cannot write to {} (failure {}), trying again in {} ms: {}", record.topic(), failures, backoffMs,
                cause.toString());
        try {
            timer.schedule(() -> send(record, acked, failures), backoffMs, TimeUnit.MILLISECONDS);
        } catch (RuntimeException rejected) {
            acked.complete(Settlement.ABANDONED);
        }
    }
}
