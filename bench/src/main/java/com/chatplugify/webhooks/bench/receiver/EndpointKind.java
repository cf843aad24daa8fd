package com.chatplugify.webhooks.bench.receiver;

/** What an endpoint of a scenario does; its deliveries are measured apart from the other kinds'. */
public enum EndpointKind {
    /** Answers 200 at once. */
    HEALTHY,
    /** Answers 200 only after the scenario's hang, longer than the delivery timeout: every attempt times out. */
    HUNG,
    /** Answers 500 at once, so every delivery to it is retried. */
    FAILING,
    /** Answers 200 after a delay just under the delivery timeout: slow but successful. */
    SLOW,
    /** A port on 127.0.0.1 that nothing listens on: every connection is refused, nothing reaches the receiver. */
    REFUSED,
    /** Answers 429 with a {@code Retry-After}. */
    THROTTLED;

    /** Whether requests to it reach the receiver, which can then count them. */
    public boolean reachable() {
        return this != REFUSED;
    }
}
