package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.app.WebhooksProcess;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.deliverer.retry.DeferralReason;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The receiving endpoint flaps under load: up, refusing connections, up, answering 503, ... Failed attempts go
 * through the retry tiers and the circuit breaker, and each delivery ends delivered: none is dead-lettered.
 */
@Tag("fault")
class FlappingEndpointFaultIT {

    private static final Duration PHASE = Duration.ofMillis(1500);
    private static final List<CountingReceiver.State> CYCLE = List.of(CountingReceiver.State.UP,
            CountingReceiver.State.REFUSING, CountingReceiver.State.UP, CountingReceiver.State.ANSWERING_503);

    @Test
    void shouldDeliverEveryEventThroughRetriesAndTheBreakerWhileTheEndpointFlaps() {
        try (FaultLab lab = FaultLab.withBroker("flapping-endpoint")) {
            WebhooksProcess roles = lab.startInProcess("roles", EnumSet.of(Role.ROUTER, Role.DELIVERER),
                    Map.of("delivery.circuit-breaker.open-duration", "2s"));
            lab.createWebhooksAndWarmUp();
            CountingReceiver receiver = lab.receiver();

            FaultLab.Outcome outcome = lab.publishDuring(publisher -> {
                for (int phase = 0; publisher.sent() < FaultLab.EVENTS; phase++) {
                    receiver.set(CYCLE.get(phase % CYCLE.size()));
                    pause(PHASE);
                }
                receiver.set(CountingReceiver.State.UP);
            });

            double retries = FaultLab.count(roles, WebhookMetrics.RETRIES_SCHEDULED);
            double deferred = FaultLab.count(roles, WebhookMetrics.DELIVERIES_DEFERRED, "reason",
                    DeferralReason.CIRCUIT_OPEN.code());
            lab.reportAndCheck(outcome, String.format(Locale.ROOT, "the endpoint flaps every 1.5 s between up, refusing "
                    + "connections, up and answering 503 while events are sent: %.0f retries scheduled (tiers 1s,2s,4s), "
                    + "%.0f deferred by an open circuit (open for 2s)", retries, deferred));
            assertThat(retries).as("deliveries moved to a retry tier").isPositive();
            assertThat(deferred).as("deliveries held back by an open circuit").isPositive();
            lab.assertNone(outcome, EnumSet.of(FaultLab.Promise.DEAD_LETTERS));
        }
    }

    private static void pause(Duration phase) {
        try {
            TimeUnit.MILLISECONDS.sleep(phase.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
