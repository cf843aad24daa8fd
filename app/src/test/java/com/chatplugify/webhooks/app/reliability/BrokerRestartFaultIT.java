package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.Role;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The broker stopped under load and started again on the same port and data, while the router and the deliverer
 * keep running: they wait for it, and every event is delivered.
 */
@Tag("fault")
class BrokerRestartFaultIT {

    @Test
    void shouldDeliverEveryEventWhenTheBrokerIsStoppedAndRestarted() {
        try (FaultLab lab = FaultLab.withBroker("restart-broker")) {
            lab.startInProcess("roles", EnumSet.of(Role.ROUTER, Role.DELIVERER), Map.of());
            lab.createWebhooksAndWarmUp();

            FaultLab.Outcome outcome = lab.publishDuring(publisher -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.sent() >= FaultLab.EVENTS / 3);
                lab.broker().stop();
                assertThat(lab.broker().alive()).isFalse();
                lab.broker().restart();
                lab.broker().awaitOutput("broker listening", Duration.ofSeconds(90));
            });

            lab.reportAndCheck(outcome, "the broker process stopped (SIGTERM) a third of the way through and started "
                    + "again on the same port and log; router and deliverer kept running");
            assertThat(outcome.tally().deadLettered()).isZero();
        }
    }
}
