package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * kill -9 of the standalone process (broker and every role in one JVM, started from the packaged jar as users run it)
 * under load, and a restart on the same data: what the broker had acknowledged is still there, and every event is
 * delivered.
 */
@Tag("fault")
class StandaloneCrashFaultIT {

    @Test
    void shouldDeliverEveryEventWhenStandaloneIsKilledAndRestartedOnItsData() {
        try (FaultLab lab = FaultLab.withoutBroker("kill-standalone")) {
            FaultLab.RoleProcess standalone = lab.startPackagedRole("standalone", "standalone",
                    Map.of("api.token", "fault-test"));
            lab.awaitReady(standalone);
            lab.createWebhooksAndWarmUp();

            FaultLab.Outcome outcome = lab.publishDuring(publisher -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.sent() >= FaultLab.EVENTS / 3);
                standalone.jvm().kill();
                standalone.jvm().restart();
                lab.awaitReady(standalone);
            });

            lab.reportAndCheck(outcome, "the standalone process (embedded broker, router, deliverer, API) SIGKILLed a "
                    + "third of the way through and started again on the same data.dir");
            assertThat(outcome.tally().deadLettered()).isZero();
        }
    }
}
