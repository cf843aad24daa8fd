package com.chatplugify.webhooks.app.reliability;

import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.app.WebhooksProcess;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Deliverer instances join and leave (cleanly) under load; every rebalance hands partitions over without losing
 * anything or delivering anything twice.
 */
@Tag("fault")
class DelivererRebalanceFaultIT {

    @Test
    void shouldDeliverEveryEventOnceWhileDeliverersJoinAndLeave() {
        try (FaultLab lab = FaultLab.withBroker("rebalance-deliverers")) {
            lab.startInProcess("router", EnumSet.of(Role.ROUTER), Map.of());
            WebhooksProcess first = deliverer(lab, 1);
            lab.createWebhooksAndWarmUp();

            FaultLab.Outcome outcome = lab.publishDuring(publisher -> {
                awaitSent(publisher, FaultLab.EVENTS / 5);
                WebhooksProcess second = deliverer(lab, 2);
                awaitSent(publisher, 2 * FaultLab.EVENTS / 5);
                deliverer(lab, 3);
                awaitSent(publisher, 3 * FaultLab.EVENTS / 5);
                first.close();
                awaitSent(publisher, 4 * FaultLab.EVENTS / 5);
                second.close();
            });

            lab.reportAndCheck(outcome, "deliverers 2 and 3 join, then 1 and 2 leave (clean shutdown), one at a time "
                    + "as a fifth more events are sent: four cooperative rebalances");
            lab.assertNone(outcome, EnumSet.of(FaultLab.Promise.DUPLICATES, FaultLab.Promise.DEAD_LETTERS));
        }
    }

    private static WebhooksProcess deliverer(FaultLab lab, int number) {
        return lab.startInProcess("deliverer-" + number, EnumSet.of(Role.DELIVERER), Map.of());
    }

    private static void awaitSent(SteadyPublisher publisher, int count) {
        await().atMost(Duration.ofSeconds(60)).until(() -> publisher.sent() >= count);
    }
}
