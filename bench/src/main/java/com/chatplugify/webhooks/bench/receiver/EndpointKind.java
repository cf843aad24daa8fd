package com.chatplugify.webhooks.bench.receiver;

/** What an endpoint of a scenario does; its deliveries are measured apart from the other kinds'. */
public enum EndpointKind {
    /** Answers 200 at once. */
    HEALTHY,
    /** Answers 200 only after a long delay (the scenario's hang). */
    HUNG,
    /** Answers 500 at once, so every delivery to it is retried. */
    FAILING
}
