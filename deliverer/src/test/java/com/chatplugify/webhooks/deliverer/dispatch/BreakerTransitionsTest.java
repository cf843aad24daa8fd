package com.chatplugify.webhooks.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import com.chatplugify.webhooks.testing.CapturedLog;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class BreakerTransitionsTest {

    @RegisterExtension
    final CapturedLog log = CapturedLog.of(BreakerTransitions.class);

    @Test
    void shouldLogTheOpeningAndTheClosingOfAWebhooksCircuit() {
        CircuitBreaker breaker = BreakerTransitions.logged(CircuitBreaker.of("webhook_1", CircuitBreakerConfig.custom()
                .slidingWindowSize(2).minimumNumberOfCalls(2).failureRateThreshold(100)
                .waitDurationInOpenState(Duration.ofMillis(1)).permittedNumberOfCallsInHalfOpenState(1).build()));

        breaker.onError(1, TimeUnit.MILLISECONDS, new Exception("failed"));
        breaker.onError(1, TimeUnit.MILLISECONDS, new Exception("failed"));
        breaker.transitionToHalfOpenState();
        breaker.onSuccess(1, TimeUnit.MILLISECONDS);

        assertThat(log.lines()).filteredOn(line -> line.getLevel().isGreaterOrEqual(Level.INFO))
                .extracting(ILoggingEvent::getLevel, ILoggingEvent::getFormattedMessage)
                .containsExactly(
                        tuple(Level.WARN, "Circuit opened after 2 failed attempts in a row: deliveries move on to the "
                                + "next retry tier without an attempt until a probe succeeds"),
                        tuple(Level.INFO, "Circuit closed: the probe succeeded; deliveries are attempted"));
        assertThat(log.lines()).allSatisfy(line ->
                assertThat(line.getMDCPropertyMap()).containsEntry("webhookId", "webhook_1"));
    }
}
