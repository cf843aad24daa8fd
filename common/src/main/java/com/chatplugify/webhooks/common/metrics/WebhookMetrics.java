package com.chatplugify.webhooks.common.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Every metric the system exports, in one place. Names are Micrometer's dotted form; Prometheus shows
 * {@code webhook.events.ingested} as {@code webhook_events_ingested_total} and the timers as
 * {@code *_seconds} histograms.
 */
public final class WebhookMetrics {

    /** Counter, tag {@code event}: events accepted by the API or the publisher. */
    public static final String EVENTS_INGESTED = "webhook.events.ingested";
    /** Counter, tag {@code reason}: records refused by the API or sent to the invalid-events topic. */
    public static final String EVENTS_INVALID = "webhook.events.invalid";
    /** Counter, tag {@code reason}: subscription records the router sent to the invalid-subscriptions topic. */
    public static final String SUBSCRIPTIONS_INVALID = "webhook.subscriptions.invalid";
    /** Counter: tombstones in the subscriptions topic for webhooks the router never held, which change nothing. */
    public static final String SUBSCRIPTIONS_UNKNOWN_DELETED = "webhook.subscriptions.unknown.deleted";
    /** Gauge, tag {@code storage}: webhooks of a process's view by how their secrets are stored. */
    public static final String SUBSCRIPTIONS_SECRETS = "webhook.subscriptions.secrets";
    /**
     * Counter: events written under a key other than their workspace id, which the router moves to their workspace's
     * partition through a repartition topic; their order relative to the workspace's other events is lost.
     */
    public static final String EVENTS_REKEYED = "webhook.events.rekeyed";
    /** Counter: events of a workspace that no webhook wants. */
    public static final String EVENTS_UNMATCHED = "webhook.events.unmatched";
    /** Counter, tag {@code event}: deliveries the router fanned out. */
    public static final String DELIVERIES_ROUTED = "webhook.deliveries.routed";
    /** Counter, tags {@code outcome} and {@code status_class}: HTTP attempts. */
    public static final String DELIVERY_ATTEMPTS = "webhook.delivery.attempts";
    /** Timer: one HTTP attempt, request sent to response read. */
    public static final String DELIVERY_ATTEMPT = "webhook.delivery.attempt";
    /** Timer: event timestamp to the 2xx that delivered it. */
    public static final String DELIVERY_END_TO_END = "webhook.delivery.end.to.end";
    /** Counter, tag {@code tier}: deliveries moved to a retry tier (counted once the broker has acknowledged the move). */
    public static final String RETRIES_SCHEDULED = "webhook.retries.scheduled";
    /** Counter, tag {@code reason}: deliveries parked in the dead-letter topic. */
    public static final String DEAD_LETTERED = "webhook.dead.lettered";
    /** Counter, tag {@code reason}: deliveries moved to a retry tier without an attempt (circuit open, backlog full, ...). */
    public static final String DELIVERIES_DEFERRED = "webhook.deliveries.deferred";
    /** Counter, tag {@code reason}: deliveries stopped without a dead letter (their webhook was deleted). */
    public static final String DELIVERIES_DROPPED = "webhook.deliveries.dropped";
    /**
     * Counter, tag {@code topic}: writes of the deliverer's outcomes (a move to a retry tier or the dead-letter topic,
     * a request to disable a webhook) that failed; each is tried again until it succeeds, and the delivery waits.
     */
    public static final String OUTCOME_WRITE_FAILURES = "webhook.outcome.write.failures";
    /** Counter: dead letters re-delivered. */
    public static final String REPLAYED = "webhook.replayed";
    /**
     * Counter, tag {@code reason}: attempts missing from the delivery history because the deliverer could not write
     * them to {@code chatplugify.delivery-attempts} ({@code queue_full}, {@code send_failed}, {@code stopped}).
     */
    public static final String ATTEMPTS_UNRECORDED = "webhook.delivery.attempts.unrecorded";
    /**
     * Counter, tag {@code outcome}: requests for OAuth 2.0 tokens of webhooks that have {@code oauth2}
     * ({@code issued}, {@code failed}, {@code refused}).
     */
    public static final String OAUTH2_TOKEN_REQUESTS = "webhook.oauth2.token.requests";
    /**
     * Counter, tag {@code event}: operational events written to {@code chatplugify.operational-events}
     * ({@code webhook.disabled}, {@code webhook.enabled}, {@code webhook.failing}, {@code webhook.recovered},
     * {@code delivery.dead_lettered}), by the role that writes each.
     */
    public static final String OPERATIONAL_EVENTS = "webhook.operational.events";
    /**
     * Counter, tag {@code reason}: webhooks disabled by the subscriptions' owner, by the reason they show
     * ({@code endpoint_failing}, {@code endpoint_gone}, ..., {@code api} for a disable through the API).
     */
    public static final String WEBHOOKS_DISABLED = "webhook.webhooks.disabled";

    /**
     * Timer, tags {@code method}, {@code route} (the matched route's path template, {@code NOT_FOUND} or
     * {@code UNMATCHED}) and {@code status}: requests the HTTP server answered; a histogram with
     * {@link #LATENCY_BUCKETS}.
     */
    public static final String HTTP_REQUESTS = "http.server.requests";

    // The gauges below are named here so that deploy/grafana and deploy/prometheus/alerts.yml can query them.
    // The deliverer registers the first four; the others come with issue 6, phase B.

    /** Gauge: HTTP attempts in progress in this deliverer. */
    public static final String DELIVERIES_IN_FLIGHT = "webhook.deliveries.in.flight";
    /** Gauge: deliveries this deliverer has fetched that wait for an attempt slot, an endpoint limit or a breaker. */
    public static final String DELIVERIES_QUEUED = "webhook.deliveries.queued";
    /**
     * Gauge, tag {@code reason}: queued deliveries by what their endpoint's next attempt waits for:
     * {@code endpoint_concurrency} (its adaptive concurrency limit), {@code endpoint_rate_limit} (its rate limit),
     * {@code instance_slots} (a free in-flight slot of the instance for an endpoint of its standing).
     */
    public static final String DELIVERIES_WAITING = "webhook.deliveries.waiting";
    /**
     * Gauge, tag {@code standing}: endpoints this deliverer tracks, by standing: {@code prompt}, {@code unproven} (no
     * attempt finished yet) or {@code slow} (attempts slower than {@code delivery.prompt-latency}, or circuit open).
     */
    public static final String ENDPOINTS = "webhook.endpoints";
    /** Gauge, tag {@code reason}: endpoints with deliveries queued, by what holds their next attempt back. */
    public static final String ENDPOINTS_THROTTLED = "webhook.endpoints.throttled";
    /** Gauge: endpoints whose circuit breaker is open in this deliverer. */
    public static final String CIRCUIT_BREAKERS_OPEN = "webhook.circuit.breakers.open";
    /**
     * Gauge, tag {@code tier}: records of a retry tier topic not yet consumed, over the partitions assigned to this
     * deliverer (end offset minus position); summed over instances, the tier's backlog.
     */
    public static final String RETRY_BACKLOG = "webhook.retry.backlog";
    /** Gauge: 1 while the router of this process is RUNNING, 0 otherwise (created, rebalancing, stopped, failed). */
    public static final String ROUTER_RUNNING = "webhook.router.running";
    /**
     * Gauge, tag {@code webhook_id}: failed attempts in the last 5 minutes of the few webhooks that failed most in
     * this deliverer. Only those webhooks are exported, so the label's cardinality stays bounded.
     */
    public static final String WEBHOOK_RECENT_FAILURES = "webhook.endpoint.recent.failures";
    /**
     * Gauge, seconds: how long ago this ingest instance last confirmed that its copy of the workspace tokens was
     * current; past {@code api.tokens.max-staleness} it refuses workspace tokens (503). -1 before the first.
     */
    public static final String TOKEN_VIEW_STALENESS = "webhook.api.tokens.view.staleness";

    /**
     * Gauge, tag {@code check}: 1 while the readiness check of that name (those {@code /ready} reports) passed when
     * last run, 0 otherwise; the checks run on a schedule, not when scraped.
     */
    public static final String READY = "webhook.ready";

    /** Service-level buckets for every latency histogram, 5 ms to 30 s. */
    public static final Duration[] LATENCY_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30)
    };

    private WebhookMetrics() {
    }

    /** A latency timer exported as a Prometheus histogram with {@link #LATENCY_BUCKETS}. */
    public static Timer latencyTimer(MeterRegistry registry, String name, String description) {
        return Timer.builder(name)
                .description(description)
                .serviceLevelObjectives(LATENCY_BUCKETS)
                .minimumExpectedValue(LATENCY_BUCKETS[0])
                .maximumExpectedValue(Duration.ofSeconds(60))
                .register(registry);
    }
}
