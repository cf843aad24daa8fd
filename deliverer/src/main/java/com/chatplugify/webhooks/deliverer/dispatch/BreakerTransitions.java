package com.chatplugify.webhooks.deliverer.dispatch;

import com.chatplugify.webhooks.common.logging.LogContext;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.event.CircuitBreakerOnStateTransitionEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs the moments a webhook's circuit opens (its deliveries stop being attempted) and closes again (they resume),
 * one line each, with the webhook id. Probes that fail re-open the circuit quietly (DEBUG): a dead endpoint would
 * otherwise log a line every open period for as long as it stays dead.
 */
final class BreakerTransitions {

    private static final Logger log = LoggerFactory.getLogger(BreakerTransitions.class);

    private BreakerTransitions() {
    }

    /** Starts logging the transitions of {@code breaker}, whose name is its webhook's id; returns it. */
    static CircuitBreaker logged(CircuitBreaker breaker) {
        breaker.getEventPublisher().onStateTransition(event -> log(breaker, event));
        return breaker;
    }

    private static void log(CircuitBreaker breaker, CircuitBreakerOnStateTransitionEvent event) {
        LogContext.webhook(breaker.getName()).run(() -> {
            switch (event.getStateTransition()) {
                case CLOSED_TO_OPEN -> log.warn("Circuit opened after {} failed attempts in a row: deliveries move on "
                        + "to the next retry tier without an attempt until a probe succeeds",
                        breaker.getMetrics().getNumberOfFailedCalls());
                case HALF_OPEN_TO_CLOSED -> log.info("Circuit closed: the probe succeeded; deliveries are attempted");
                case OPEN_TO_HALF_OPEN, HALF_OPEN_TO_OPEN -> log.debug("Circuit {}", event.getStateTransition());
                default -> log.info("Circuit {}", event.getStateTransition());
            }
        });
    }
}
