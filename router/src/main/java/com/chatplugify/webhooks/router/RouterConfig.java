package com.chatplugify.webhooks.router;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import com.chatplugify.webhooks.common.config.ConfigValidators;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.apache.kafka.streams.StreamsConfig;

/** Configuration keys of the router role. */
public final class RouterConfig {

    public static final String APPLICATION_ID = "router.application-id";
    public static final String PROCESSING_GUARANTEE = "router.processing.guarantee";
    public static final String NUM_STANDBY_REPLICAS = "router.num.standby.replicas";
    public static final String NUM_STREAM_THREADS = "router.num.stream.threads";
    public static final String COMMIT_INTERVAL = "router.commit.interval";
    public static final String SESSION_TIMEOUT = "router.session.timeout";

    private RouterConfig() {
    }

    public static ConfigDef define(ConfigDef definition) {
        return definition
                .define(APPLICATION_ID, Type.STRING, "chatplugify-webhooks-router", new ConfigDef.NonEmptyString(), MEDIUM,
                        "Kafka Streams application.id: the consumer group and the prefix of the router's internal topics. "
                                + "Every router instance of one deployment uses the same value.")
                .define(PROCESSING_GUARANTEE, Type.STRING, StreamsConfig.EXACTLY_ONCE_V2,
                        ValidString.in(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE), HIGH,
                        "exactly_once_v2: a router crash neither loses nor duplicates fan-out. at_least_once: lower "
                                + "latency, but a crash may route some events twice (receivers dedupe on webhook-id).")
                .define(NUM_STANDBY_REPLICAS, Type.INT, 0, Range.atLeast(0), MEDIUM,
                        "Warm copies of each workspace table partition kept on other router instances, for fast fail-over.")
                .define(NUM_STREAM_THREADS, Type.INT, 1, Range.between(1, 64), MEDIUM,
                        "Stream threads per router instance.")
                .define(COMMIT_INTERVAL, Type.STRING, "25ms", ConfigValidators.duration(Duration.ofMillis(10)), LOW,
                        "How often the router commits; under exactly_once_v2 deliveries become visible downstream "
                                + "only then, so this bounds the router's share of end-to-end latency. A webhook change "
                                + "also reaches the router's table only at a commit.")
                .define(SESSION_TIMEOUT, Type.STRING, "10s", ConfigValidators.duration(Duration.ofSeconds(6)), MEDIUM,
                        "How long a router instance may go silent before the others take over its partitions. "
                                + "Shorter moves work off a dead instance sooner; it must lie within the brokers' "
                                + "group.min.session.timeout.ms and group.max.session.timeout.ms (6s and 30m by default).");
    }
}
