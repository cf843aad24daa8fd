package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.app.DataDirLock;
import com.chatplugify.webhooks.app.WebhooksCommand;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Several processes of a role on one machine, each a JVM of its own on one broker: every process needs a data.dir of
 * its own. One started on the folder of a running one stops at start-up, saying so in one line; a folder left by a
 * killed process can be started on again.
 */
class DataDirLockIT {

    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(90);

    @Test
    void shouldRefuseToStartASecondDelivererOnTheDataDirOfARunningOneNamingTheKeyAndFolder() {
        try (FaultLab lab = FaultLab.withBroker("data-dir-in-use")) {
            FaultLab.RoleProcess first = lab.startRole("deliverer-1", "deliverer", Map.of());
            lab.awaitReady(first);
            Path shared = lab.dir().resolve("deliverer-1");

            FaultLab.RoleProcess second = lab.startRole("deliverer-2", "deliverer",
                    Map.of("data.dir", shared.toString()));

            assertThat(second.jvm().awaitExit(EXIT_TIMEOUT)).isEqualTo(WebhooksCommand.FAILED);
            assertThat(second.jvm().tail(40))
                    .contains("Failed: data.dir=" + shared + " is in use by another webhooks process")
                    .doesNotContain("Exception")
                    .doesNotContain("\tat ");
            assertThat(first.jvm().alive()).isTrue();
        }
    }

    @Test
    void shouldStartOnADataDirLeftByAKilledProcess() {
        try (FaultLab lab = FaultLab.withBroker("data-dir-after-kill")) {
            FaultLab.RoleProcess deliverer = lab.startRole("deliverer", "deliverer", Map.of());
            lab.awaitReady(deliverer);
            deliverer.jvm().kill();
            assertThat(lab.dir().resolve("deliverer").resolve(DataDirLock.FILE_NAME)).exists();

            deliverer.jvm().restart();

            lab.awaitReady(deliverer);
        }
    }
}
