package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * topics.retry.retention outlasts every wait of a delivery in chatplugify.deliveries and the retry tiers (the longest
 * retry delay, delivery.retry-after.max, delivery.max-age): start-up refuses, with exit 2 naming the keys and values,
 * a configuration where retention could delete a waiting delivery without a dead letter.
 */
class RetryRetentionConfigTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"router", "deliverer", "ingest", "standalone", "broker"})
    void shouldRefuseToStartWhenARetryDelayIsNotShorterThanTheRetryRetention(String command) {
        Run run = run(command, "--set", "data.dir=" + dataDir, "--set", "delivery.retry.delays=10s,1m,2h",
                "--set", "topics.retry.retention=1h");

        assertThat(run.exit()).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(run.err()).contains("Configuration error: delivery.retry.delays (its longest delay) is 2h, "
                + "not shorter than topics.retry.retention = 1h");
    }

    @Test
    void shouldRefuseToStartWhenTheMaxAgeIsNotShorterThanTheRetryRetention() {
        Run run = run("router", "--set", "data.dir=" + dataDir, "--set", "delivery.max-age=30d");

        assertThat(run.exit()).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(run.err()).contains("delivery.max-age is 30d, not shorter than topics.retry.retention = 7d");
    }

    @Test
    void shouldRefuseToStartWhenTheRetryAfterMaxEqualsTheRetryRetention() {
        Run run = run("deliverer", "--set", "data.dir=" + dataDir, "--set", "delivery.retry-after.max=2h",
                "--set", "topics.retry.retention=2h", "--set", "delivery.max-age=1h");

        assertThat(run.exit()).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(run.err()).contains("delivery.retry-after.max is 2h, not shorter than topics.retry.retention = 2h");
    }

    @Test
    void shouldAcceptTheDefaultsAndWaitsShorterThanTheRetryRetention() {
        assertThat(ConfigDefinitions.sources().load(null, Map.of(), Map.of()).getString("topics.retry.retention"))
                .isEqualTo("7d");
        assertThat(ConfigDefinitions.sources().load(null, Map.of("WEBHOOKS_TOPICS_RETRY_RETENTION", "3h"),
                Map.of("delivery.retry.delays", "10s,1m,2h", "delivery.max-age", "179m", "delivery.retry-after.max", "1h")
                ).getString("topics.retry.retention")).isEqualTo("3h");
    }

    @Test
    void shouldCheckTheRetentionWhereverItComesFrom() {
        assertThatThrownBy(() -> ConfigDefinitions.sources().load(null, Map.of("WEBHOOKS_TOPICS_RETRY_RETENTION", "1h"),
                Map.of())).isInstanceOf(ConfigException.class)
                .hasMessageContaining("delivery.max-age is 3d, not shorter than topics.retry.retention = 1h");
    }

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        CommandLine command = WebhooksCommand.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err));
        // Refused configuration stops the command before it starts anything; one let through would run until stopped.
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> command.execute(args));
        return new Run(exit, err.toString());
    }
}
