package com.chatplugify.webhooks.deliverer;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.ConfigValidators;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.deliverer.http.EgressProxy;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Configuration keys of the deliverer role. */
public final class DelivererConfig {

    public static final String GROUP_ID = "deliverer.group-id";
    public static final String SESSION_TIMEOUT = "deliverer.session.timeout";
    public static final String TIMEOUT = "delivery.timeout";
    public static final String MAX_IN_FLIGHT_PER_ENDPOINT = "delivery.max-in-flight-per-endpoint";
    public static final String MAX_IN_FLIGHT = "delivery.max-in-flight";
    public static final String MAX_QUEUED_PER_ENDPOINT = "delivery.max-queued-per-endpoint";
    public static final String MAX_BUFFERED_RECORDS = "delivery.max-buffered-records";
    public static final String RETRY_AFTER_MAX = "delivery.retry-after.max";
    public static final String BREAKER_FAILURE_THRESHOLD = "delivery.circuit-breaker.failure-threshold";
    public static final String BREAKER_OPEN_DURATION = "delivery.circuit-breaker.open-duration";
    public static final String DRAIN_TIMEOUT = "delivery.drain-timeout";
    public static final String MAX_AGE = "delivery.max-age";
    public static final String PROMPT_LATENCY = "delivery.prompt-latency";
    public static final String BREAKER_SLOW_CALL_DURATION = "delivery.circuit-breaker.slow-call-duration";
    public static final String DNS_SERVERS = "delivery.dns.servers";
    public static final String PROXY = "delivery.proxy";
    public static final String AUTO_DISABLE_AFTER = "delivery.auto-disable-after";
    public static final String FAILING_AFTER = "delivery.failing-after";
    public static final String DEAD_LETTER_EVENTS_WINDOW = "delivery.dead-letter-events.window";

    private DelivererConfig() {
    }

    private static ConfigDef.Validator proxy() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                String text = value == null ? "" : value.toString();
                if (!text.isBlank()) {
                    EgressProxy.problem(text).ifPresent(problem -> {
                        throw new ConfigException(name, value, problem);
                    });
                }
            }

            @Override
            public String toString() {
                return "empty, or http://host:port";
            }
        };
    }

    /**
     * Refuses a {@code delivery.max-age} or {@code delivery.retry-after.max} that {@code topics.retry.retention} would
     * not outlast: a delivery waits in chatplugify.deliveries or a retry tier up to that long, and one deleted by
     * retention is lost without a dead letter (with a longer max-age, the expiry that should dead-letter it never comes).
     *
     * @throws ConfigException naming the keys and their values
     */
    public static void checkRetryRetention(WebhooksConfig config) {
        CommonConfig.requireShorterThanRetryRetention(config, MAX_AGE, config.getDuration(MAX_AGE), null);
        CommonConfig.requireShorterThanRetryRetention(config, RETRY_AFTER_MAX, config.getDuration(RETRY_AFTER_MAX), null);
    }

    public static ConfigDef define(ConfigDef definition) {
        return definition
                .define(GROUP_ID, Type.STRING, "chatplugify-webhooks-deliverer", new ConfigDef.NonEmptyString(), MEDIUM,
                        "Consumer group of the deliverer instances of one deployment.")
                .define(SESSION_TIMEOUT, Type.STRING, "10s", ConfigValidators.duration(Duration.ofSeconds(6)), MEDIUM,
                        "How long a deliverer instance may go silent (killed, frozen, cut off) before the others take "
                                + "over its partitions and deliver again what it had not committed. It must lie within "
                                + "the brokers' group.min.session.timeout.ms and group.max.session.timeout.ms (6s and "
                                + "30m by default).")
                .define(TIMEOUT, Type.STRING, "10s", ConfigValidators.duration(Duration.ofMillis(100)), HIGH,
                        "Longest an attempt may take, connect to last byte read; a slower receiver's attempt fails.")
                .define(MAX_IN_FLIGHT_PER_ENDPOINT, Type.INT, 16, Range.between(1, 1000), MEDIUM,
                        "Ceiling of each endpoint's adaptive concurrency limit, which starts at 4 (or this, when "
                                + "lower), grows by one while its attempts succeed promptly and it uses what it has, "
                                + "and shrinks by a tenth on each failed or slow attempt, down to 1.")
                .define(MAX_IN_FLIGHT, Type.INT, 2000, Range.between(2, 100_000), MEDIUM,
                        "Concurrent attempts per deliverer instance, all endpoints together; endpoints not known to "
                                + "answer promptly together get at most half of them. Also the most connections it "
                                + "keeps open, in use or idle: they are pooled per webhook, and when all are open a new "
                                + "one closes the longest-idle one.")
                .define(MAX_QUEUED_PER_ENDPOINT, Type.INT, 1000, Range.between(1, 1_000_000), MEDIUM,
                        "Most deliveries one endpoint may hold in memory, queued or in flight. An endpoint holds "
                                + "less when its pace is slower: what it clears in about two seconds. What it may not "
                                + "hold moves to the next retry tier without an attempt, and waits there in Kafka. A "
                                + "FIFO webhook's endpoint always holds this many (the tiers would reorder its "
                                + "deliveries); beyond, a delivery is dead-lettered as fifo_backlog_full, or the webhook "
                                + "pauses: size it for the largest burst a FIFO webhook must take.")
                .define(MAX_BUFFERED_RECORDS, Type.INT, 10_000, Range.between(2, 1_000_000), MEDIUM,
                        "Deliveries an instance holds in memory (queued or in flight). Endpoints not known to answer "
                                + "promptly together hold at most half; reaching the whole pauses consumption until "
                                + "prompt endpoints have taken some, so memory stays bounded.")
                .define(PROMPT_LATENCY, Type.STRING, "1s", ConfigValidators.duration(Duration.ofMillis(1)), MEDIUM,
                        "An endpoint whose attempts take longer than this (on average, or its oldest one in flight), "
                                + "or whose circuit is open, is slow: slow endpoints, and those with no attempt "
                                + "finished yet, share half of delivery.max-in-flight and delivery.max-buffered-records; "
                                + "the other half is kept for endpoints that answer promptly.")
                .define(MAX_AGE, Type.STRING, "3d", ConfigValidators.duration(Duration.ofSeconds(1)), HIGH,
                        "Longest a delivery may wait, counted from its record in chatplugify.deliveries (when "
                                + "the router routed the event, or its replay): an older one is not attempted, deferred or "
                                + "put back in its tier any more but dead-lettered with reason expired; so is one whose next "
                                + "retry could only come due after that age, at its failed attempt. "
                                + "Must be shorter "
                                + "than topics.retry.retention, so that a delivery that waits this long is dead-lettered, "
                                + "not deleted by retention.")
                .define(DNS_SERVERS, Type.LIST, "", ConfigValidators.hostAndPortList(), LOW,
                        "Name servers (host:port, comma-separated) that endpoints' host names are resolved with, in "
                                + "order; empty for the system's (/etc/resolv.conf). /etc/hosts applies either way.")
                .define(PROXY, Type.STRING, "", proxy(), MEDIUM,
                        "HTTP proxy every delivery and OAuth 2.0 token request leaves through, http://host:port, so "
                                + "that receivers can allow-list the proxy's addresses; empty to connect directly. The "
                                + "deliverer still resolves each endpoint's host and applies the address guard to it, "
                                + "then asks the proxy to CONNECT to that address (plain http endpoints are tunnelled "
                                + "too); the proxy itself, being yours, may be on a private address.")
                .define(RETRY_AFTER_MAX, Type.STRING, "1h", ConfigValidators.duration(Duration.ZERO), MEDIUM,
                        "Longest Retry-After (on 429 and 503) that is honoured; a longer one is cut to this. One "
                                + "that the delivery cannot wait out before delivery.max-age dead-letters it as expired "
                                + "at once. 0s ignores Retry-After. Must be "
                                + "shorter than topics.retry.retention, which keeps the delivery in its retry tier "
                                + "meanwhile.")
                .define(BREAKER_FAILURE_THRESHOLD, Type.INT, 10, Range.between(1, 10_000), MEDIUM,
                        "Consecutive failed (or slow) attempts after which an endpoint's circuit opens: its "
                                + "deliveries then move to the next retry tier without an attempt (and without using up "
                                + "a retry).")
                .define(BREAKER_OPEN_DURATION, Type.STRING, "30s", ConfigValidators.duration(Duration.ofMillis(100)),
                        MEDIUM, "How long an open circuit stays open before one probe attempt may close it.")
                .define(BREAKER_SLOW_CALL_DURATION, Type.STRING, "5s", ConfigValidators.duration(Duration.ofMillis(1)),
                        MEDIUM, "An attempt that takes longer than this is slow: the endpoint's circuit also opens "
                                + "when its last delivery.circuit-breaker.failure-threshold attempts were all slow "
                                + "(so an endpoint that always answers late is probed, not fed), and each slow attempt "
                                + "shrinks the endpoint's concurrency limit.")
                .define(AUTO_DISABLE_AFTER, Type.STRING, "5d", ConfigValidators.duration(Duration.ofSeconds(1)), HIGH,
                        "A webhook whose attempts have all failed, without a success in between, for this long is "
                                + "disabled (reason endpoint_failing) at its next failed attempt; its later deliveries "
                                + "are dead-lettered as webhook_disabled, to be replayed once it is enabled again. "
                                + "Enabling it, or changing its URL, starts its record afresh.")
                .define(FAILING_AFTER, Type.STRING, "10m", ConfigValidators.duration(Duration.ofSeconds(1)), MEDIUM,
                        "A webhook whose attempts have all failed for this long, at least "
                                + "delivery.circuit-breaker.failure-threshold in a row (so its circuit stays open), "
                                + "gets a webhook.failing operational event; its next success, webhook.recovered.")
                .define(DEAD_LETTER_EVENTS_WINDOW, Type.STRING, "5m", ConfigValidators.duration(Duration.ofSeconds(1)),
                        LOW, "Dead letters are reported as one delivery.dead_lettered operational event per webhook "
                                + "and window of this length, with their count by reason, not one event each.")
                .define(DRAIN_TIMEOUT, Type.STRING, "10s", ConfigValidators.duration(Duration.ZERO), LOW,
                        "On shutdown or when partitions are revoked, how long in-flight attempts may finish before "
                                + "they are abandoned (an abandoned delivery is delivered again, never lost).");
    }
}
