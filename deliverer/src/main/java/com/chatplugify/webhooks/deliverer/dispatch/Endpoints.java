package com.chatplugify.webhooks.deliverer.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The endpoints this instance has deliveries for, one per webhook, created on first use with their limits and a
 * circuit breaker of their own, and forgotten once idle so that memory follows the active webhooks, or once the
 * partitions their deliveries came from have gone to another instance.
 */
public final class Endpoints {

    private final EndpointLimits limits;
    private final CircuitBreakerConfig breakers;
    private final ConcurrentHashMap<String, Endpoint> byWebhook = new ConcurrentHashMap<>();

    /** @param breakers every endpoint's circuit breaker, whose name is its webhook id */
    public Endpoints(EndpointLimits limits, CircuitBreakerConfig breakers) {
        this.limits = limits;
        this.breakers = breakers;
    }

    /** Applies {@code use} to the webhook's endpoint, created if need be, atomically with its eviction. */
    <T> T with(String webhookId, long nowNanos, Function<Endpoint, T> use) {
        Object[] result = new Object[1];
        byWebhook.compute(webhookId, (id, existing) -> {
            Endpoint endpoint = existing != null ? existing
                    : new Endpoint(id, limits, BreakerTransitions.logged(CircuitBreaker.of(id, breakers)), nowNanos);
            result[0] = use.apply(endpoint);
            return endpoint;
        });
        @SuppressWarnings("unchecked")
        T value = (T) result[0];
        return value;
    }

    /** The webhook's endpoint, if this instance has one now. */
    Optional<Endpoint> find(String webhookId) {
        return Optional.ofNullable(byWebhook.get(webhookId));
    }

    Collection<Endpoint> all() {
        return byWebhook.values();
    }

    /** Forgets endpoints that have been idle {@code idle}. */
    public void evictIdle(Duration idle) {
        long now = System.nanoTime();
        for (String webhookId : byWebhook.keySet()) {
            byWebhook.computeIfPresent(webhookId, (id, endpoint) -> endpoint.idleFor(idle, now) ? null : endpoint);
        }
    }

    /**
     * Forgets the endpoints {@link Endpoint#orphaned orphaned} by a rebalance, so that an instance counts (in its
     * gauges) only the endpoints of the webhooks it delivers; returns their webhook ids.
     */
    List<String> forgetOrphaned() {
        List<String> forgotten = new ArrayList<>();
        for (String webhookId : byWebhook.keySet()) {
            byWebhook.computeIfPresent(webhookId, (id, endpoint) -> {
                if (endpoint.orphaned()) {
                    forgotten.add(id);
                    return null;
                }
                return endpoint;
            });
        }
        return forgotten;
    }
}
