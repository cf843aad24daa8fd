package com.chatplugify.webhooks.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.WebhooksCommand;
import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.testing.api.ApiClient;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code bin/webhooks tokens} against the running API: a token issued from the command line works in the API, is
 * listed without its secret, and is revoked; what the API refuses is told with its reason.
 */
class TokensCommandIT {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(10);
    private static final int REFUSED_AS_USAGE = CommandLine.ExitCode.USAGE;

    private final String workspace = "ws_cli_" + UUID.randomUUID();

    @Test
    void shouldIssueListAndRevokeATokenThatTheApiHonours() {
        Run created = tokens("create", "--workspace", workspace, "--name", "Nightly export",
                "--permission", "read,replay", "--expires", "30d");
        assertThat(created.exitCode()).as(created.err()).isZero();
        String secret = field(created.out(), "token");
        String id = field(created.out(), "id");
        assertThat(secret).startsWith("cpws_");
        assertThat(created.out()).contains("permissions: read, replay").contains("workspace:   " + workspace);

        ApiClient holder = new ApiClient(TestSystem.shared().baseUrl(), secret);
        assertThat(holder.get("/v1/whoami").json().get("workspaceId").textValue()).isEqualTo(workspace);

        Run listed = tokens("list", "--workspace", workspace);
        assertThat(listed.exitCode()).as(listed.err()).isZero();
        assertThat(listed.out()).contains("id:          " + id).contains("Nightly export").doesNotContain(secret)
                .contains("1 token");

        Run revoked = tokens("revoke", id);
        assertThat(revoked.exitCode()).as(revoked.err()).isZero();
        await().atMost(MAX_STALENESS).until(() -> holder.get("/v1/whoami").status() == 401);
        Run again = tokens("revoke", id);
        assertThat(again.exitCode()).as("already revoked").isEqualTo(TokensCommand.FAILED);
        assertThat(again.err()).contains("404").contains(id);
    }

    @Test
    void shouldRefuseWhatTheApiRefusesWithItsReason() {
        Run refused = tokens("create", "--workspace", workspace, "--name", "x", "--permission", "admin");

        assertThat(refused.exitCode()).isEqualTo(TokensCommand.REFUSED_AS_INVALID);
        assertThat(refused.err()).contains("400").contains("unknown permission \"admin\"");
        assertThat(tokens("list", "--workspace", workspace).out()).contains("0 tokens");
    }

    @Test
    void shouldRefuseAnEmptyWorkspaceOrExpiryNamingTheOption() {
        Run listed = tokens("list", "--workspace", "");
        Run created = tokens("create", "--workspace", workspace, "--name", "x", "--permission", "read", "--expires", "");

        assertThat(listed.exitCode()).as(listed.out()).isEqualTo(REFUSED_AS_USAGE);
        assertThat(listed.err()).contains("--workspace is empty");
        assertThat(listed.out()).doesNotContain("token");
        assertThat(created.exitCode()).as(created.err()).isEqualTo(REFUSED_AS_USAGE);
        assertThat(created.err()).contains("--expires: is empty");
        assertThat(tokens("list", "--workspace", workspace).out()).contains("0 tokens");
    }

    @Test
    void shouldSayWhenTheAdminTokenIsWrong() {
        Run refused = run(List.of("tokens", "list", "--url", TestSystem.shared().baseUrl(), "--set", "api.token=wrong"));

        assertThat(refused.exitCode()).isEqualTo(TokensCommand.FAILED);
        assertThat(refused.err()).contains("401");
    }

    @Test
    void shouldUseTheTokenAStandaloneSystemKeepsInItsDataDir(@TempDir Path dataDir) throws IOException {
        Files.writeString(dataDir.resolve("api-token"), TestSystem.API_TOKEN + "\n");

        Run listed = run(List.of("tokens", "list", "--url", TestSystem.shared().baseUrl(),
                "--set", "data.dir=" + dataDir));

        assertThat(listed.exitCode()).as(listed.err()).isZero();
    }

    @Test
    void shouldNameTheKeyWhenThereIsNoAdminToken(@TempDir Path emptyDataDir) {
        Run refused = run(List.of("tokens", "list", "--url", TestSystem.shared().baseUrl(),
                "--set", "data.dir=" + emptyDataDir));

        assertThat(refused.exitCode()).isEqualTo(WebhooksCommand.CONFIG_ERROR);
        assertThat(refused.err()).contains("api.token");
    }

    private static String field(String out, String name) {
        Matcher matcher = Pattern.compile("(?m)^" + name + ":\\s+(\\S+)").matcher(out);
        assertThat(matcher.find()).as(out).isTrue();
        return matcher.group(1);
    }

    /** {@code tokens <subcommand> --url <the test system> --set api.token=<its admin token> <arguments>}. */
    private static Run tokens(String subcommand, String... arguments) {
        List<String> args = new ArrayList<>(List.of("tokens", subcommand, "--url", TestSystem.shared().baseUrl(),
                "--set", "api.token=" + TestSystem.API_TOKEN));
        args.addAll(List.of(arguments));
        return run(args);
    }

    private static Run run(List<String> args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = WebhooksCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        return new Run(command.execute(args.toArray(String[]::new)), out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
