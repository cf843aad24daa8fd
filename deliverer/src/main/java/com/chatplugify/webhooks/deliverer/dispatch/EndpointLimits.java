package com.chatplugify.webhooks.deliverer.dispatch;

import java.time.Duration;

/**
 * What one endpoint may take of an instance (see {@link Endpoint}).
 *
 * @param maxInFlight    ceiling of its adaptive concurrency limit ({@code delivery.max-in-flight-per-endpoint})
 * @param maxHeld        most deliveries it may hold in memory, queued or in flight
 *                       ({@code delivery.max-queued-per-endpoint})
 * @param promptLatency  an endpoint whose attempts take longer, on average or the oldest in flight, is slow
 *                       ({@code delivery.prompt-latency})
 * @param slowCall       an attempt longer than this shrinks the endpoint's concurrency limit and counts as slow for
 *                       its circuit breaker ({@code delivery.circuit-breaker.slow-call-duration})
 * @param holdFor        an endpoint holds in memory at most what it can clear in about this long at its pace
 */
public record EndpointLimits(int maxInFlight, int maxHeld, Duration promptLatency, Duration slowCall, Duration holdFor) {

    /** The concurrency an endpoint starts with, before its attempts say what it can take. */
    int initialInFlight() {
        return Math.min(4, maxInFlight);
    }
}
