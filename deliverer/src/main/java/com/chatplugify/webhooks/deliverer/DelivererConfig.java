package com.chatplugify.webhooks.deliverer;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import com.chatplugify.webhooks.common.config.ConfigValidators;
import java.time.Duration;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/** Configuration keys of the deliverer role. */
public final class DelivererConfig {

    public static final String GROUP_ID = "deliverer.group-id";
    public static final String TIMEOUT = "delivery.timeout";
    public static final String MAX_IN_FLIGHT_PER_ENDPOINT = "delivery.max-in-flight-per-endpoint";
    public static final String MAX_IN_FLIGHT = "delivery.max-in-flight";

    private DelivererConfig() {
    }

    public static ConfigDef define(ConfigDef definition) {
        return definition
                .define(GROUP_ID, Type.STRING, "chatplugify-webhooks-deliverer", new ConfigDef.NonEmptyString(), MEDIUM,
                        "Consumer group of the deliverer instances of one deployment.")
                .define(TIMEOUT, Type.STRING, "10s", ConfigValidators.duration(Duration.ofMillis(100)), HIGH,
                        "Longest an attempt may take, connect to last byte read; a slower receiver's attempt fails.")
                .define(MAX_IN_FLIGHT_PER_ENDPOINT, Type.INT, 16, Range.between(1, 1000), MEDIUM,
                        "Concurrent attempts (and pooled connections) per endpoint: a slow endpoint uses no more.")
                .define(MAX_IN_FLIGHT, Type.INT, 2000, Range.between(1, 100_000), MEDIUM,
                        "Concurrent attempts per deliverer instance, all endpoints together.");
    }
}
