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
 * kill -9 of a deliverer process while it owns partitions and delivers: its partitions move to the other one, and
 * nothing is lost.
 */
@Tag("fault")
class DelivererCrashFaultIT {

    private static final String ASSIGNED = "kafka_consumer_coordinator_assigned_partitions";
    private static final String ATTEMPTS = "webhook_delivery_attempts_total";

    @Test
    void shouldDeliverEveryEventWhenADelivererIsKilledMidStream() {
        try (FaultLab lab = FaultLab.withBroker("kill-deliverer")) {
            FaultLab.RoleProcess doomed = lab.startRole("deliverer-1", "deliverer", Map.of());
            FaultLab.RoleProcess survivor = lab.startRole("deliverer-2", "deliverer", Map.of());
            lab.startInProcess("router", EnumSet.of(Role.ROUTER), Map.of());
            lab.awaitReady(doomed, survivor);
            lab.createWebhooksAndWarmUp();

            double attemptsBefore = doomed.metric(ATTEMPTS);

            FaultLab.Outcome outcome = lab.publishDuring(publisher -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.sent() >= FaultLab.EVENTS / 3);
                assertThat(doomed.metric(ASSIGNED)).as("partitions the doomed deliverer owns").isPositive();
                assertThat(doomed.metric(ATTEMPTS)).as("attempts the doomed deliverer made of this run's deliveries")
                        .isGreaterThan(attemptsBefore);
                doomed.jvm().kill();
            });

            lab.reportAndCheck(outcome, "one of two deliverer processes SIGKILLed a third of the way through; "
                    + "the other takes its partitions after deliverer.session.timeout (6 s)");
            assertThat(outcome.tally().deadLettered()).isZero();
            assertThat(survivor.jvm().alive()).isTrue();
        }
    }
}
