package com.chatplugify.webhooks.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.config.MeterFilter;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The help text of every metric of {@link WebhookMetrics}, in one place. Meters registered without a description
 * (e.g. {@code registry.counter(name, tags)}) get theirs from here, so that every {@code webhook_*} series on
 * {@code /metrics} carries a {@code # HELP} line and passes {@code promtool check metrics}.
 */
public final class MetricDescriptions {

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry(WebhookMetrics.EVENTS_INGESTED, "Events accepted by the ingest API, by event type (what upstream services write to Kafka themselves, with the EventPublisher or not, shows in the router's routed and unmatched counts)"),
            Map.entry(WebhookMetrics.EVENTS_INVALID, "Records refused by the API or sent to the invalid-events topic, by reason"),
            Map.entry(WebhookMetrics.SUBSCRIPTIONS_INVALID, "Subscription records sent to the invalid-subscriptions topic, by reason"),
            Map.entry(WebhookMetrics.SUBSCRIPTIONS_UNKNOWN_DELETED,
                    "Tombstones in the subscriptions topic for webhooks the router never held (ignored)"),
            Map.entry(WebhookMetrics.SUBSCRIPTIONS_SECRETS, "Webhooks known to this process by how their secrets are "
                    + "stored: plaintext (written before encryption), current_key, previous_key, unreadable (no configured "
                    + "key opens them; their deliveries are refused)"),
            Map.entry(WebhookMetrics.EVENTS_REKEYED,
                    "Events written under a key other than their workspace id, or to a partition other than the one it hashes to, "
                            + "moved to its partition (their order is lost)"),
            Map.entry(WebhookMetrics.EVENTS_UNMATCHED, "Events of a workspace that no webhook subscribes to"),
            Map.entry(WebhookMetrics.DELIVERIES_ROUTED, "Deliveries the router fanned out, by event type"),
            Map.entry(WebhookMetrics.DELIVERY_ATTEMPTS, "HTTP delivery attempts, by outcome and status class"),
            Map.entry(WebhookMetrics.DELIVERY_ATTEMPT, "One HTTP attempt, request sent to response read (an attempt that sent no request, refused or without its OAuth 2.0 token, is counted but not timed)"),
            Map.entry(WebhookMetrics.DELIVERY_END_TO_END, "Event timestamp to the 2xx that delivered it (a longer time than a year counts as a year); replayed dead letters are not timed, their age being mostly their time in the dead-letter topic"),
            Map.entry(WebhookMetrics.RETRIES_SCHEDULED, "Deliveries moved to a retry tier, by tier, once the broker has acknowledged the move"),
            Map.entry(WebhookMetrics.OUTCOME_WRITE_FAILURES, "Failed writes of delivery outcomes (retry tier, dead letter, "
                    + "disable request), by topic; each is tried again and its delivery waits until it succeeds"),
            Map.entry(WebhookMetrics.DEAD_LETTERED, "Deliveries parked in the dead-letter topic, by reason"),
            Map.entry(WebhookMetrics.REPLAYED, "Dead letters replayed through the API or the console (bin/webhooks replay, a process of its own, prints its counts instead)"),
            Map.entry(WebhookMetrics.ATTEMPTS_UNRECORDED,
                    "Delivery attempts left out of the delivery history (never a delivery), by reason"),
            Map.entry(WebhookMetrics.OAUTH2_TOKEN_REQUESTS, "Requests for the OAuth 2.0 tokens of webhooks, by outcome "
                    + "(issued, failed, refused)"),
            Map.entry(WebhookMetrics.DELIVERIES_DEFERRED, "Deliveries moved to a retry tier without an attempt, by reason"),
            Map.entry(WebhookMetrics.DELIVERIES_DROPPED, "Deliveries stopped without a dead letter, by reason"),
            Map.entry(WebhookMetrics.OPERATIONAL_EVENTS,
                    "Operational events written to chatplugify.operational-events, by event type"),
            Map.entry(WebhookMetrics.WEBHOOKS_DISABLED, "Webhooks disabled, by the reason they show"),
            Map.entry(WebhookMetrics.HTTP_REQUESTS, "Requests the HTTP server answered, by method (GET, HEAD, POST, PUT, PATCH, DELETE, OPTIONS; any other as OTHER), route and status"),
            Map.entry(WebhookMetrics.DELIVERIES_IN_FLIGHT, "HTTP attempts in progress in this deliverer"),
            Map.entry(WebhookMetrics.DELIVERIES_QUEUED, "Deliveries fetched by this deliverer that wait for an attempt"),
            Map.entry(WebhookMetrics.DELIVERIES_WAITING,
                    "Queued deliveries in this deliverer, by what their endpoint's next attempt waits for"),
            Map.entry(WebhookMetrics.ENDPOINTS, "Endpoints this deliverer tracks, by standing (prompt, unproven, slow)"),
            Map.entry(WebhookMetrics.ENDPOINTS_THROTTLED,
                    "Endpoints with deliveries queued in this deliverer, by what holds their next attempt back"),
            Map.entry(WebhookMetrics.CIRCUIT_BREAKERS_OPEN, "Endpoints of enabled webhooks whose circuit breaker is open in this deliverer"),
            Map.entry(WebhookMetrics.RETRY_BACKLOG, "Records of a retry tier not yet consumed, over this deliverer's partitions"),
            Map.entry(WebhookMetrics.READY, "1 while the readiness check of this name (as GET /ready reports it) "
                    + "passed when last run, every few seconds, else 0"),
            Map.entry(WebhookMetrics.ROUTER_RUNNING, "1 while the router of this process is RUNNING, else 0"),
            Map.entry(WebhookMetrics.WEBHOOK_RECENT_FAILURES,
                    "Failed attempts in the last 5 minutes of the webhooks failing most in this deliverer"),
            Map.entry(WebhookMetrics.TOKEN_VIEW_STALENESS,
                    "Seconds since this instance last confirmed its copy of the workspace tokens current (-1: never)"));

    private MetricDescriptions() {
    }

    /** The description of a catalogued metric, or null for any other name. */
    public static String of(String name) {
        return DESCRIPTIONS.get(name);
    }

    /** Every catalogued metric with its description, by name. */
    public static SortedMap<String, String> all() {
        return new TreeMap<>(DESCRIPTIONS);
    }

    /** A filter that gives catalogued meters registered without a description the one above. */
    public static MeterFilter fillMissing() {
        return new MeterFilter() {
            @Override
            public Meter.Id map(Meter.Id id) {
                String description = DESCRIPTIONS.get(id.getName());
                if (description == null || id.getDescription() != null) {
                    return id;
                }
                return new Meter.Id(id.getName(), Tags.of(id.getTagsAsIterable()), id.getBaseUnit(), description,
                        id.getType());
            }
        };
    }
}
