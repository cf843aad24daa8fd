package com.chatplugify.webhooks.deliverer.dispatch;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.EnumMap;
import java.util.Map;

/**
 * What a review of the endpoints found, for the gauges: endpoints by standing, deliveries waiting and endpoints
 * held back by what each waits for, open circuits (of enabled webhooks).
 *
 * @param endpointsByStanding endpoints tracked, by {@link Endpoint.Standing}
 * @param waitingByReason     queued deliveries, by what their endpoint's next one waits for
 * @param throttledByReason   endpoints with deliveries queued, by what their next one waits for
 */
public record DispatchState(Map<Endpoint.Standing, Integer> endpointsByStanding,
                            Map<Endpoint.Wait, Integer> waitingByReason,
                            Map<Endpoint.Wait, Integer> throttledByReason,
                            int openBreakers) {

    static final DispatchState EMPTY = new Tally().toState();

    public DispatchState {
        endpointsByStanding = Map.copyOf(endpointsByStanding);
        waitingByReason = Map.copyOf(waitingByReason);
        throttledByReason = Map.copyOf(throttledByReason);
    }

    public int endpoints(Endpoint.Standing standing) {
        return endpointsByStanding.getOrDefault(standing, 0);
    }

    public int waiting(Endpoint.Wait reason) {
        return waitingByReason.getOrDefault(reason, 0);
    }

    public int throttled(Endpoint.Wait reason) {
        return throttledByReason.getOrDefault(reason, 0);
    }

    /** Counts endpoints as a review goes through them. */
    static final class Tally {

        private final Map<Endpoint.Standing, Integer> standings = new EnumMap<>(Endpoint.Standing.class);
        private final Map<Endpoint.Wait, Integer> waiting = new EnumMap<>(Endpoint.Wait.class);
        private final Map<Endpoint.Wait, Integer> throttled = new EnumMap<>(Endpoint.Wait.class);
        private int openBreakers;

        Tally() {
            for (Endpoint.Standing standing : Endpoint.Standing.values()) {
                standings.put(standing, 0);
            }
            for (Endpoint.Wait wait : Endpoint.Wait.values()) {
                waiting.put(wait, 0);
                throttled.put(wait, 0);
            }
        }

        void add(Endpoint endpoint, Endpoint.Standing standing) {
            standings.merge(standing, 1, Integer::sum);
            Endpoint.Wait wait = endpoint.waiting();
            if (wait != null) {
                waiting.merge(wait, endpoint.queued(), Integer::sum);
                throttled.merge(wait, 1, Integer::sum);
            }
            // A disabled webhook's circuit waits for nothing: nothing is attempted until it is enabled, which closes it.
            if (endpoint.enabled() && endpoint.breakerState() != CircuitBreaker.State.CLOSED) {
                openBreakers++;
            }
        }

        DispatchState toState() {
            return new DispatchState(standings, waiting, throttled, openBreakers);
        }
    }
}
