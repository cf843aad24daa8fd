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
 * kill -9 of a router process while it routes: the other router takes over its tasks, its open transaction is
 * aborted, and every event is fanned out exactly once: no delivery is lost and none reaches the receiver twice.
 */
@Tag("fault")
class RouterCrashFaultIT {

    private static final String ROUTED = "webhook_deliveries_routed_total";

    @Test
    void shouldRouteEveryEventOnceWhenARouterIsKilledMidStream() {
        try (FaultLab lab = FaultLab.withBroker("kill-router")) {
            FaultLab.RoleProcess doomed = lab.startRole("router-1", "router", Map.of());
            FaultLab.RoleProcess survivor = lab.startRole("router-2", "router", Map.of());
            lab.startInProcess("deliverer", EnumSet.of(Role.DELIVERER), Map.of());
            lab.awaitReady(doomed, survivor);
            lab.createWebhooksAndWarmUp();

            double routedBefore = doomed.metric(ROUTED);

            FaultLab.Outcome outcome = lab.publishDuring(publisher -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.sent() >= FaultLab.EVENTS / 3);
                assertThat(doomed.metric(ROUTED)).as("deliveries the doomed router fanned out of this run's events")
                        .isGreaterThan(routedBefore);
                doomed.jvm().kill();
            });

            lab.reportAndCheck(outcome, "one of two router processes (exactly-once) SIGKILLed a third of the way "
                    + "through; the other takes its tasks after router.session.timeout (6 s)");
            lab.assertNone(outcome, EnumSet.of(FaultLab.Promise.DUPLICATES, FaultLab.Promise.DEAD_LETTERS));
            assertThat(survivor.jvm().alive()).isTrue();
        }
    }
}
