package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.app.broker.EmbeddedKafkaBroker;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Everything in one process: the embedded broker, then every role on it. */
public final class StandaloneSystem implements AutoCloseable {

    private static final Duration BROKER_START_TIMEOUT = Duration.ofSeconds(60);

    private final EmbeddedKafkaBroker broker;
    private final WebhooksProcess process;
    private final String apiToken;
    private final Path dataDir;
    private final Path secretsKeyFile;

    private StandaloneSystem(EmbeddedKafkaBroker broker, WebhooksProcess process, String apiToken, Path dataDir,
                             Path secretsKeyFile) {
        this.broker = broker;
        this.process = process;
        this.apiToken = apiToken;
        this.dataDir = dataDir;
        this.secretsKeyFile = secretsKeyFile;
    }

    public static StandaloneSystem start(WebhooksConfig config, Clock clock) {
        return start(config, EnumSet.allOf(Role.class), clock);
    }

    /** The embedded broker and only some roles on it, e.g. no deliverer when the bench runs its baseline instead. */
    public static StandaloneSystem start(WebhooksConfig config, Set<Role> roles, Clock clock) {
        Path dataDir = config.getPath(CommonConfig.DATA_DIR);
        String configured = config.getSecret(CommonConfig.API_TOKEN);
        String apiToken = configured == null ? ApiTokenStore.loadOrCreate(dataDir) : configured;
        Path keyFile = null;
        if (config.getSecret(CommonConfig.SECRETS_KEY) == null) {
            config = config.with(ConfigDefinitions.all(), Map.of(CommonConfig.SECRETS_KEY,
                    SecretKeyStore.loadOrCreate(dataDir)));
            keyFile = dataDir.resolve(SecretKeyStore.FILE_NAME);
        }
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(config.getString(CommonConfig.KAFKA_BOOTSTRAP_SERVERS),
                dataDir.resolve("kafka"), config.getInt(CommonConfig.TOPICS_PARTITIONS), BROKER_START_TIMEOUT);
        try {
            WebhooksProcess process = WebhooksProcess.start(config, roles, apiToken, clock);
            return new StandaloneSystem(broker, process, apiToken, dataDir, keyFile);
        } catch (RuntimeException e) {
            broker.close();
            throw e;
        }
    }

    /** @see WebhooksProcess#died() */
    public CompletableFuture<String> died() {
        return process.died();
    }

    public boolean awaitReady(Duration timeout) throws InterruptedException {
        return process.awaitReady(timeout);
    }

    public String baseUrl() {
        return process.baseUrl();
    }

    public String apiToken() {
        return apiToken;
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The file holding the generated secrets key, or empty when {@code secrets.key} was configured. */
    public Optional<Path> secretsKeyFile() {
        return Optional.ofNullable(secretsKeyFile);
    }

    public WebhooksProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.close();
        broker.close();
    }
}
