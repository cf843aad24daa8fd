package com.chatplugify.webhooks.bench.measure;

import java.util.Locale;

/**
 * What a thread of the bench's process works for. The system under test is the broker, the roles (or a baseline
 * deliverer in our deliverer's place), what they share and the JVM; the receiver and the driver are the bench's
 * harness, which a real deployment does not pay for.
 */
public enum Component {
    /** The embedded Kafka broker and its KRaft controller. */
    BROKER(true),
    /** The router: its Kafka Streams threads and clients. */
    ROUTER(true),
    /** Our deliverer: poll loop, workers, HTTP client, timers, resolver, attempt recorder and its Kafka clients. */
    DELIVERER(true),
    /** The ingest role: the HTTP server (Jetty), the delivery history, the subscriptions' owner, write confirmations. */
    API(true),
    /** What the process runs for all its roles: the subscription view, the admin client, metrics, the liveness watch. */
    SHARED(true),
    /** The JVM's own threads, and, as the rest of the process's CPU, garbage collection, the JIT and ended threads. */
    JVM(true),
    /** A baseline deliverer the bench compares with: it takes the deliverer's place in the system. */
    BASELINE(true),
    /** The bench's receiver (httpcore5's server threads). */
    RECEIVER(false),
    /** The bench's driver: its producer, its pacing thread, the harness and the HTTP clients that set up scenarios. */
    DRIVER(false),
    /**
     * A thread no rule names: a gap in the attribution, shown as such rather than counted as something else, and
     * charged to the system under test so that it is never hidden in the harness's share.
     */
    UNATTRIBUTED(true);

    private final boolean system;

    Component(boolean system) {
        this.system = system;
    }

    /** Whether the component is part of the system under test rather than the bench's harness (receiver, driver). */
    public boolean inSystem() {
        return system;
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
