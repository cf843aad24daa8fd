package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.app.DataDirLock;
import com.chatplugify.webhooks.app.WebhooksCommand;
import com.chatplugify.webhooks.app.broker.BrokerPresence;
import com.chatplugify.webhooks.app.broker.EmbeddedKafkaBroker;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * The embedded single-node KRaft broker of {@code standalone}, alone in its process, so that the roles can run as
 * separate processes on one machine (and the broker be stopped and restarted without them).
 */
@Command(name = "broker", mixinStandardHelpOptions = true,
        description = "Run only the embedded Kafka broker (listening where kafka.bootstrap.servers points, log under "
                + "data.dir/kafka), for roles started separately.")
public final class BrokerCommand implements Callable<Integer> {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

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
        Path dataDir = settings.getPath(CommonConfig.DATA_DIR);
        try (DataDirLock lock = DataDirLock.acquire(dataDir)) {
            Path logDir = dataDir.resolve("kafka");
            EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                    settings.getString(CommonConfig.KAFKA_BOOTSTRAP_SERVERS), logDir,
                    settings.getInt(CommonConfig.TOPICS_PARTITIONS), START_TIMEOUT);
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                broker.close();
                stopped.countDown();
            }, "broker-shutdown"));
            System.out.printf("Chatplugify Webhooks broker listening on %s (log in %s); Ctrl-C to stop%n",
                    broker.bootstrapServers(), logDir.toAbsolutePath());
            System.out.flush();
            stopped.await();
            return 0;
        }
    }
}
