package com.chatplugify.webhooks.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DispatchStateTest {

    private static final EndpointLimits LIMITS = new EndpointLimits(16, 1000, Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(2));

    @Test
    void shouldNotCountTheOpenCircuitOfADisabledWebhook() {
        Endpoint enabled = openEndpoint("webhook_enabled", true);
        Endpoint disabled = openEndpoint("webhook_disabled", false);
        DispatchState.Tally tally = new DispatchState.Tally();

        tally.add(enabled, enabled.standing(0));
        tally.add(disabled, disabled.standing(0));

        assertThat(tally.toState().openBreakers()).isEqualTo(1);
    }

    private static Endpoint openEndpoint(String webhookId, boolean enabled) {
        Endpoint endpoint = new Endpoint(webhookId, LIMITS, CircuitBreaker.ofDefaults(webhookId), 0);
        endpoint.follow(new EndpointPolicy("https://a.example/hook", null, false, false, enabled));
        endpoint.breakerFor("https://a.example/hook").transitionToOpenState();
        return endpoint;
    }
}
