package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.app.DataDirLock;
import com.chatplugify.webhooks.app.StandaloneSystem;
import com.chatplugify.webhooks.app.WebhooksCommand;
import com.chatplugify.webhooks.app.broker.BrokerPresence;
import com.chatplugify.webhooks.common.Version;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "standalone", mixinStandardHelpOptions = true,
        description = "Run everything in one process on an embedded Kafka broker: the quickest way to try it.")
public final class StandaloneCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    @Override
    @SuppressWarnings("try") // the data.dir lock is held while the body runs, not used in it
    public Integer call() throws Exception {
        if (!BrokerPresence.present()) {
            System.err.println(BrokerPresence.ABSENT);
            return WebhooksCommand.FAILED;
        }
        WebhooksConfig settings = config.load(System.getenv());
        try (DataDirLock lock = DataDirLock.acquire(settings.getPath(CommonConfig.DATA_DIR))) {
            long startedAt = System.nanoTime();
            StandaloneSystem system = StandaloneSystem.start(settings, Clock.systemUTC());
            boolean ready = system.awaitReady(Duration.ofSeconds(60));
            printBanner(System.out, system, ready, (System.nanoTime() - startedAt) / 1_000_000);
            return RunUntilStopped.run("standalone", system, system.died());
        }
    }

    private static void printBanner(PrintStream out, StandaloneSystem system, boolean ready, long startupMillis) {
        String url = system.baseUrl();
        out.printf("%nChatplugify Webhooks %s standalone %s in %.1f s%n", Version.current(),
                ready ? "is ready" : "started but is NOT ready yet (see " + url + "/ready)", startupMillis / 1000.0);
        out.printf("  API          %s/v1%n", url);
        out.printf("  Health       %s/health  %s/ready%n", url, url);
        out.printf("  Metrics      %s/metrics%n", url);
        out.printf("  Kafka        %s (embedded; data in %s)%n", system.bootstrapServers(), system.dataDir());
        out.printf("  API token    %s%n", system.apiToken());
        system.secretsKeyFile().ifPresent(file -> out.printf(
                "  Secrets key  %s (encrypts webhook secrets at rest; without it they are lost: back it up)%n", file));
        out.printf("%nTry it:%n  curl -s -H 'Authorization: Bearer %s' '%s/v1/webhooks?workspaceId=ws_demo'%n",
                system.apiToken(), url);
        out.printf("%nPress Ctrl-C to stop.%n");
        out.flush();
    }
}
