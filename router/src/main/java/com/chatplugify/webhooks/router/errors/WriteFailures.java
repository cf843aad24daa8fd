package com.chatplugify.webhooks.router.errors;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.common.config.ConfigException;

/**
 * The write failure that stopped the router, if any: set by {@link ProductionFailureHandler} when it fails the
 * stream thread, read by the router role to shut Kafka Streams down (rather than replace the thread and fail on the
 * same record again) and to say why it is not ready.
 */
public final class WriteFailures {

    /**
     * The Kafka Streams property under which the router hands this object to its production exception handler,
     * which Kafka Streams creates by class name.
     */
    public static final String CONFIG = "chatplugify.router.write-failures";

    private final AtomicReference<String> fatal = new AtomicReference<>();

    static WriteFailures fromConfig(Map<String, ?> configs) {
        Object failures = configs.get(CONFIG);
        if (!(failures instanceof WriteFailures)) {
            throw new ConfigException(CONFIG, failures, "the router's production exception handler needs its WriteFailures");
        }
        return (WriteFailures) failures;
    }

    void fatal(String what) {
        fatal.compareAndSet(null, what);
    }

    /** What the router could not write, when that stopped it. */
    public Optional<String> fatal() {
        return Optional.ofNullable(fatal.get());
    }
}
