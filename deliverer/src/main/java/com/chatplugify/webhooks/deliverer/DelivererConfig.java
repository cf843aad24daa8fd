package com.chatplugify.webhooks.deliverer;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import com.chatplugify.webhooks.common.config.ConfigValidators;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

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

    private DelivererConfig() {
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
                        "Concurrent attempts per webhook endpoint: a slow endpoint uses no more than this.")
                .define(MAX_IN_FLIGHT, Type.INT, 2000, Range.between(1, 100_000), MEDIUM,
                        "Concurrent attempts (and pooled connections) per deliverer instance, all endpoints together.")
                .define(MAX_QUEUED_PER_ENDPOINT, Type.INT, 1000, Range.between(1, 1_000_000), MEDIUM,
                        "Deliveries an endpoint may have waiting for one of its in-flight slots; beyond this, "
                                + "further deliveries to it move on to the next retry tier without an attempt.")
                .define(MAX_BUFFERED_RECORDS, Type.INT, 10_000, Range.between(1, 1_000_000), MEDIUM,
                        "Deliveries an instance holds in memory (queued or in flight); reaching it pauses "
                                + "consumption until some are done, so memory stays bounded.")
                .define(RETRY_AFTER_MAX, Type.STRING, "1h", ConfigValidators.duration(Duration.ZERO), MEDIUM,
                        "Longest Retry-After (on 429 and 503) that is honoured; a longer one is cut to this. "
                                + "0s ignores Retry-After.")
                .define(BREAKER_FAILURE_THRESHOLD, Type.INT, 10, Range.between(1, 10_000), MEDIUM,
                        "Consecutive failed attempts after which an endpoint's circuit opens: its deliveries then "
                                + "move to the next retry tier without an attempt (and without using up a retry).")
                .define(BREAKER_OPEN_DURATION, Type.STRING, "30s", ConfigValidators.duration(Duration.ofMillis(100)),
                        MEDIUM, "How long an open circuit stays open before one probe attempt may close it.")
                .define(DRAIN_TIMEOUT, Type.STRING, "10s", ConfigValidators.duration(Duration.ZERO), LOW,
                        "On shutdown or when partitions are revoked, how long in-flight attempts may finish before "
                                + "they are abandoned (an abandoned delivery is delivered again, never lost).");
    }
}
