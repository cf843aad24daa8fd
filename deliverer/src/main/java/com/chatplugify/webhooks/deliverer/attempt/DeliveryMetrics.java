package com.chatplugify.webhooks.deliverer.attempt;

import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.logging.ThrottledLogger;
import com.chatplugify.webhooks.common.metrics.MetricDescriptions;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.IntToLongFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The deliverer's meters; every tag is low-cardinality (no webhook ids), except the bounded top few of
 * {@link RecentFailures}. Recording never throws: a metric must not decide a delivery's outcome, so a meter that
 * fails is logged and the delivery goes on as if it had been recorded.
 */
public final class DeliveryMetrics {

    /**
     * The longest end-to-end time recorded; a longer one (an event published with an old timestamp) counts as this.
     * Far beyond any histogram bucket, and far below what {@link Duration#toNanos()} can hold.
     */
    public static final Duration MAX_END_TO_END = Duration.ofDays(365);
    private static final Logger log = LoggerFactory.getLogger(DeliveryMetrics.class);

    private static final List<String> TOKEN_OUTCOMES = List.of("issued", "failed", "refused");
    /** Reason of a delivery dropped because its webhook no longer exists. */
    public static final String DROPPED_WEBHOOK_DELETED = "webhook_deleted";
    /** Reason of a delivery dropped because its webhook now belongs to another workspace. */
    public static final String DROPPED_WEBHOOK_MOVED = "webhook_moved";
    /** Reasons of an attempt missing from the delivery history. */
    public static final String UNRECORDED_QUEUE_FULL = "queue_full";
    public static final String UNRECORDED_SEND_FAILED = "send_failed";
    public static final String UNRECORDED_STOPPED = "stopped";
    /** The outcome and status-class pairs an attempt can have; {@code none}: no HTTP status (timeout, refused). */
    private static final List<List<String>> ATTEMPT_OUTCOMES = List.of(List.of("delivered", "2xx"),
            List.of("failed", "none"), List.of("failed", "3xx"), List.of("failed", "4xx"),
            List.of("failed", "5xx"), List.of("gone", "4xx"), List.of("refused", "none"));

    private final MeterRegistry registry;
    private final RecentFailures recentFailures;
    private final Timer attemptLatency;
    private final Timer endToEnd;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final ThrottledLogger failures = new ThrottledLogger(log, 1);

    public DeliveryMetrics(MeterRegistry registry, RecentFailures recentFailures) {
        this.registry = registry;
        this.recentFailures = recentFailures;
        this.attemptLatency = WebhookMetrics.latencyTimer(registry, WebhookMetrics.DELIVERY_ATTEMPT,
                MetricDescriptions.of(WebhookMetrics.DELIVERY_ATTEMPT));
        this.endToEnd = WebhookMetrics.latencyTimer(registry, WebhookMetrics.DELIVERY_END_TO_END,
                MetricDescriptions.of(WebhookMetrics.DELIVERY_END_TO_END));
    }

    /**
     * Counts an attempt, and times it if its request was sent: one refused, or whose OAuth 2.0 token could not be
     * had, sent no request to time.
     *
     * @param outcome {@code delivered}, {@code failed}, {@code gone} or {@code refused}
     */
    public void attempted(String webhookId, String outcome, HttpAttempt http) {
        safely(() -> {
            counter(WebhookMetrics.DELIVERY_ATTEMPTS, "outcome", outcome, "status_class", statusClass(http.status()))
                    .increment();
            if (http.sent()) {
                attemptLatency.record(http.latency());
            }
            if (!"delivered".equals(outcome)) {
                recentFailures.failed(webhookId);
            }
        });
    }

    /**
     * Creates every counter whose label values are known at zero (attempt outcomes, dead-letter, deferral, drop and
     * unrecorded reasons, retry tiers, OAuth 2.0 token outcomes, the topics outcomes are written to: the tiers, the
     * dead-letter topic and the subscription commands), so that the first count of each shows in
     * {@code increase()} and {@code rate()}, and {@code absent()} means a deliverer that exports nothing: a series that
     * starts at 1 loses its first count.
     */
    public void startAtZero(Collection<String> deadLetterReasons, Collection<String> deferralReasons, int tiers) {
        ATTEMPT_OUTCOMES.forEach(pair -> counter(WebhookMetrics.DELIVERY_ATTEMPTS, "outcome", pair.get(0),
                "status_class", pair.get(1)));
        deadLetterReasons.forEach(reason -> counter(WebhookMetrics.DEAD_LETTERED, "reason", reason));
        TOKEN_OUTCOMES.forEach(outcome -> counter(WebhookMetrics.OAUTH2_TOKEN_REQUESTS, "outcome", outcome));
        deferralReasons.forEach(reason -> counter(WebhookMetrics.DELIVERIES_DEFERRED, "reason", reason));
        List.of(DROPPED_WEBHOOK_DELETED, DROPPED_WEBHOOK_MOVED)
                .forEach(reason -> counter(WebhookMetrics.DELIVERIES_DROPPED, "reason", reason));
        List.of(UNRECORDED_QUEUE_FULL, UNRECORDED_SEND_FAILED, UNRECORDED_STOPPED)
                .forEach(reason -> counter(WebhookMetrics.ATTEMPTS_UNRECORDED, "reason", reason));
        for (int tier = 1; tier <= tiers; tier++) {
            counter(WebhookMetrics.RETRIES_SCHEDULED, "tier", Integer.toString(tier));
        }
        List<String> outcomeTopics = new ArrayList<>(Topics.retryTiers(tiers));
        outcomeTopics.addAll(List.of(Topics.DLQ, Topics.SUBSCRIPTION_COMMANDS));
        outcomeTopics.forEach(topic -> counter(WebhookMetrics.OUTCOME_WRITE_FAILURES, "topic", topic));
    }

    /** @param outcome {@code issued}, {@code failed} or {@code refused} */
    public void tokenRequested(String outcome) {
        safely(() -> counter(WebhookMetrics.OAUTH2_TOKEN_REQUESTS, "outcome", outcome).increment());
    }

    /**
     * Records the time from the event's timestamp to now, its 2xx; within zero (a publisher's clock ahead of ours)
     * and {@link #MAX_END_TO_END}.
     */
    public void delivered(Instant eventTimestamp, Instant now) {
        safely(() -> {
            Duration sinceEvent = eventTimestamp.isBefore(now.minus(MAX_END_TO_END))
                    ? MAX_END_TO_END : Duration.between(eventTimestamp, now);
            endToEnd.record(sinceEvent.isNegative() ? Duration.ZERO : sinceEvent);
        });
    }

    public void retryScheduled(int tier) {
        safely(() -> counter(WebhookMetrics.RETRIES_SCHEDULED, "tier", Integer.toString(tier)).increment());
    }

    /** A write of an outcome to {@code topic} failed; it is tried again or, if it cannot succeed, abandoned. */
    public void outcomeWriteFailed(String topic) {
        safely(() -> counter(WebhookMetrics.OUTCOME_WRITE_FAILURES, "topic", topic).increment());
    }

    public void deadLettered(String reason) {
        safely(() -> counter(WebhookMetrics.DEAD_LETTERED, "reason", reason).increment());
    }

    public void deferred(String reason) {
        safely(() -> counter(WebhookMetrics.DELIVERIES_DEFERRED, "reason", reason).increment());
    }

    public void dropped(String reason) {
        safely(() -> counter(WebhookMetrics.DELIVERIES_DROPPED, "reason", reason).increment());
    }

    /** An attempt left out of the delivery history; the delivery itself is unaffected. */
    public void unrecorded(String reason) {
        safely(() -> counter(WebhookMetrics.ATTEMPTS_UNRECORDED, "reason", reason).increment());
    }

    /** Registers the backlog gauge of each retry tier consumed. */
    public void retryBacklogGauges(List<Integer> tiers, IntToLongFunction retryBacklog) {
        for (int tier : tiers) {
            int of = tier;
            Gauge.builder(WebhookMetrics.RETRY_BACKLOG, () -> retryBacklog.applyAsLong(of))
                    .tag("tier", Integer.toString(tier)).register(registry);
        }
    }

    static String statusClass(int status) {
        return status <= 0 ? "none" : (status / 100) + "xx";
    }

    /**
     * Runs a recording; what it throws is logged, not passed on. The broad catch is the boundary between the
     * meters and the deliveries: whatever a registry or meter throws, the delivery's outcome stays what it was.
     */
    private void safely(Runnable recording) {
        try {
            recording.run();
        } catch (RuntimeException e) {
            failures.warn(LogContext.empty(), "Could not record a delivery metric; the delivery is unaffected", e);
        }
    }

    private Counter counter(String name, String... tags) {
        return counters.computeIfAbsent(name + String.join("|", tags), key -> registry.counter(name, tags));
    }
}
