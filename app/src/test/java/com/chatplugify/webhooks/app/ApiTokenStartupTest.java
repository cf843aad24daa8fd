package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.testing.net.LoopbackPorts;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * An empty API token never turns authentication off: every way of giving one (file, environment, --set, the
 * standalone's token file) refuses to start, naming api.token, before anything listens.
 */
class ApiTokenStartupTest {

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @ValueSource(strings = {"", "\n", "   \n\t\n"})
    void shouldRefuseToStartStandaloneOnAnEmptyTokenFile(String content) throws Exception {
        Files.writeString(dataDir.resolve(ApiTokenStore.FILE_NAME), content, StandardCharsets.UTF_8);

        assertThatThrownBy(() -> StandaloneSystem.start(config(Map.of()), Clock.systemUTC()).close())
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("api.token")
                .hasMessageContaining(dataDir.resolve(ApiTokenStore.FILE_NAME).toString());
    }

    @Test
    void shouldExitWithTheConfigurationErrorStatusOnAnEmptyTokenFile() throws IOException {
        Files.writeString(dataDir.resolve(ApiTokenStore.FILE_NAME), "", StandardCharsets.UTF_8);

        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("standalone",
                "--set", "data.dir=" + dataDir, "--set", "kafka.bootstrap.servers=127.0.0.1:" + LoopbackPorts.unused(),
                "--set", "http.port=0"));

        assertThat(run.exit()).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(run.err()).contains("api.token").contains("empty");
    }

    @ParameterizedTest
    @ValueSource(strings = {"standalone", "ingest"})
    void shouldExitWithTheConfigurationErrorStatusOnABlankApiTokenSetting(String command) {
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run(command,
                "--set", "data.dir=" + dataDir, "--set", "api.token=", "--set", "http.port=0"));

        assertThat(run.exit()).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(run.err()).contains("api.token").contains("empty or blank");
    }

    @Test
    void shouldSayTheApiTokenIsMissingWhenTheIngestRoleHasNone() {
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("ingest",
                "--set", "data.dir=" + dataDir, "--set", "http.port=0"));

        assertThat(run.exit()).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(run.err()).contains("Missing configuration api.token: the ingest role requires an API token")
                .doesNotContain("Invalid value null");
    }

    @Test
    void shouldSayTheSecretsKeyIsMissingWhenTheDelivererHasNone() {
        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("deliverer",
                "--set", "data.dir=" + dataDir, "--set", "http.port=0"));

        assertThat(run.exit()).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(run.err()).contains("Missing configuration secrets.key: The deliverer role needs the key")
                .doesNotContain("Invalid value null");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "\t \t"})
    void shouldRefuseABlankTokenFromTheEnvironment(String value) {
        assertThatThrownBy(() -> new ConfigSources(ConfigDefinitions.all())
                .load(null, Map.of("WEBHOOKS_API_TOKEN", value), Map.of()))
                .isInstanceOf(ConfigException.class).hasMessageContaining("api.token");
    }

    @Test
    void shouldExitWithTheConfigurationErrorStatusWhenTheTokenFileIsAFolder() throws IOException {
        Path file = Files.createDirectory(dataDir.resolve(ApiTokenStore.FILE_NAME));

        Run run = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> run("standalone",
                "--set", "data.dir=" + dataDir, "--set", "kafka.bootstrap.servers=127.0.0.1:" + LoopbackPorts.unused(),
                "--set", "http.port=0"));

        assertThat(run.exit()).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(run.err()).contains("Configuration error").contains("api.token").contains(file.toString())
                .doesNotContain("\tat ");
    }

    @Test
    void shouldCreateTheTokenFileOwnerReadableOnlyAndLeaveNoTemporaryFile() throws IOException {
        String token = ApiTokenStore.loadOrCreate(dataDir.resolve("fresh"));

        Path file = dataDir.resolve("fresh").resolve(ApiTokenStore.FILE_NAME);
        assertThat(token).startsWith("cpw_").hasSizeGreaterThan(30);
        assertThat(Files.readString(file).trim()).isEqualTo(token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        try (var files = Files.list(file.getParent())) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactly(ApiTokenStore.FILE_NAME);
        }
        assertThat(ApiTokenStore.loadOrCreate(dataDir.resolve("fresh"))).isEqualTo(token);
    }

    private WebhooksConfig config(Map<String, String> overrides) throws IOException {
        Map<String, String> settings = new java.util.HashMap<>(Map.of("data.dir", dataDir.toString(),
                "kafka.bootstrap.servers", "127.0.0.1:" + LoopbackPorts.unused(), "http.port", "0"));
        settings.putAll(overrides);
        return new ConfigSources(ConfigDefinitions.all()).load(null, Map.of(), settings);
    }

    private record Run(int exit, String err) {
    }

    private static Run run(String... args) {
        CommandLine command = WebhooksCommand.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err));
        int exit = command.execute(args);
        return new Run(exit, err.toString());
    }
}
