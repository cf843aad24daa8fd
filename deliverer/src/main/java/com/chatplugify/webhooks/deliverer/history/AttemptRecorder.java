package com.chatplugify.webhooks.deliverer.history;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.deliverer.attempt.AttemptOutcome;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryAttempter;
import com.chatplugify.webhooks.deliverer.attempt.DeliveryMetrics;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every attempt to {@code chatplugify.delivery-attempts}, fire and forget: {@link #record} only offers the
 * attempt to a bounded queue, which one thread of its own hands to the producer. A full queue, a slow broker or a
 * failed send loses the history record (counted in {@code webhook_delivery_attempts_unrecorded_total}), never
 * blocks or fails the delivery.
 */
public final class AttemptRecorder implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AttemptRecorder.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final Producer<String, byte[]> producer;
    private final BlockingQueue<DeliveryAttempt> queue;
    private final DeliveryMetrics metrics;
    private final Clock clock;
    private final JsonSerde<DeliveryAttempt> serde = new JsonSerde<>(DeliveryAttempt.class);
    private final Thread sender;
    private volatile boolean running = true;

    /**
     * @param producer a producer of its own whose {@code max.block.ms} bounds how long a send may wait; used by the
     *                 recorder's thread only, closed by the caller after {@link #close}
     * @param capacity attempts that may wait for the producer; beyond, new ones are dropped
     */
    public AttemptRecorder(Producer<String, byte[]> producer, int capacity, DeliveryMetrics metrics, Clock clock) {
        this.producer = producer;
        this.queue = new ArrayBlockingQueue<>(capacity);
        this.metrics = metrics;
        this.clock = clock;
        this.sender = DaemonThreads.named("attempt-recorder").newThread(this::run);
    }

    public AttemptRecorder start() {
        sender.start();
        return this;
    }

    /** Records the attempt that just ended; returns at once. */
    public void record(PolledDelivery polled, Delivery delivery, int attempt, DeliveryAttempter.Result result) {
        offer(attemptOf(polled, delivery, attempt, result));
    }

    void offer(DeliveryAttempt attempt) {
        if (!queue.offer(attempt)) {
            metrics.unrecorded(DeliveryMetrics.UNRECORDED_QUEUE_FULL);
        }
    }

    /** Hands what is queued to the producer, for at most a few seconds; what is left then is counted lost. */
    @Override
    public void close() {
        running = false;
        try {
            sender.join(STOP_TIMEOUT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        while (queue.poll() != null) {
            metrics.unrecorded(DeliveryMetrics.UNRECORDED_STOPPED);
        }
    }

    private DeliveryAttempt attemptOf(PolledDelivery polled, Delivery delivery, int attempt,
                                      DeliveryAttempter.Result result) {
        HttpAttempt http = result.http();
        AttemptOutcome outcome = result.outcome();
        String code;
        String error;
        if (outcome instanceof AttemptOutcome.Delivered) {
            code = DeliveryAttempt.DELIVERED;
            error = null;
        } else if (outcome instanceof AttemptOutcome.Gone) {
            code = DeliveryAttempt.GONE;
            error = "HTTP 410 Gone";
        } else if (outcome instanceof AttemptOutcome.Refused refused) {
            code = DeliveryAttempt.REFUSED;
            error = refused.reason();
        } else {
            code = DeliveryAttempt.FAILED;
            error = ((AttemptOutcome.RetryLater) outcome).reason();
        }
        return new DeliveryAttempt(delivery.webhookId(), delivery.workspaceId(), delivery.event().id(),
                delivery.event().event(), attempt, clock.instant().minus(http.latency()), code,
                http.responded() ? http.status() : null, error, http.latency().toMillis(),
                DeliveryAttempt.responseBody(http.body()), polled.tier(),
                DeliveryHeaders.readFrom(polled.record().headers()).replayOf());
    }

    private void run() {
        while (running || !queue.isEmpty()) {
            DeliveryAttempt attempt;
            try {
                attempt = queue.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                return;
            }
            if (attempt != null) {
                send(attempt);
            }
        }
    }

    private void send(DeliveryAttempt attempt) {
        try {
            producer.send(new ProducerRecord<>(Topics.DELIVERY_ATTEMPTS, attempt.webhookId(),
                    serde.serialize(Topics.DELIVERY_ATTEMPTS, attempt)), (metadata, e) -> {
                        if (e != null) {
                            unsent(attempt, e);
                        }
                    });
        } catch (KafkaException e) {
            // The buffer stayed full for max.block.ms, or the producer is closing: the history loses this one.
            unsent(attempt, e);
        }
    }

    private void unsent(DeliveryAttempt attempt, Exception e) {
        metrics.unrecorded(DeliveryMetrics.UNRECORDED_SEND_FAILED);
        LogContext.delivery(attempt.webhookId(), attempt.eventId())
                .run(() -> log.debug("Attempt {} not recorded in the delivery history: {}", attempt.attempt(), e.toString()));
    }
}
