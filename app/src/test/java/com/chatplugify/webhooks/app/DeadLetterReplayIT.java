package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * Dead letters from the real pipeline (a disabled webhook parks its deliveries), listed and replayed through the
 * API and from the command line once it is enabled again.
 */
class DeadLetterReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private final ApiClient api = TestSystem.api();
    private final RecordingReceiver receiver = new RecordingReceiver();
    private final String workspace = "ws_" + UUID.randomUUID();

    DeadLetterReplayIT() throws IOException {
    }

    @AfterEach
    void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldReDeliverADeadLetterOnceItsWebhookIsEnabledAgain() {
        String webhook = disabledWebhook();
        String eventId = publish("conversation.created");
        JsonNode entry = awaitDeadLetters(webhook, 1).get(0);
        assertThat(entry.get("reason").textValue()).isEqualTo("webhook_disabled");
        assertThat(entry.get("event").get("id").textValue()).isEqualTo(eventId);

        enable(webhook);
        JsonNode report = api.post("/v1/dead-letters/replay", "{\"webhookId\":\"" + webhook + "\"}").json();

        assertThat(report.get("replayed").longValue()).isEqualTo(1);
        await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received().get(0).header("webhook-id")).isEqualTo(eventId);
        JsonNode again = api.post("/v1/dead-letters/replay", "{\"webhookId\":\"" + webhook + "\"}").json();
        assertThat(again.get("replayed").longValue()).isZero();
        assertThat(again.get("alreadyReplayed").longValue()).isEqualTo(1);
        assertThat(awaitDeadLetters(webhook, 1).get(0).get("replayedAt").isNull()).isFalse();
    }

    @Test
    void shouldReplayFromTheCommandLineWithADryRunFirst() {
        String webhook = disabledWebhook();
        String eventId = publish("task.created");
        publish("conversation.updated");
        awaitDeadLetters(webhook, 2);
        enable(webhook);

        Run dryRun = replay("--webhook", webhook, "--event", "task.*", "--since", "1h", "--dry-run");
        assertThat(dryRun.exitCode()).as(dryRun.err()).isZero();
        assertThat(dryRun.out()).contains("Dry run: would replay 1 dead letter").containsPattern("matched +1");
        assertThat(receiver.received()).isEmpty();

        Run real = replay("--webhook", webhook, "--event", "task.created", "--since", "1h");
        assertThat(real.exitCode()).as(real.err()).isZero();
        assertThat(real.out()).contains("Replayed 1 dead letter");
        await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received()).extracting(request -> request.header("webhook-id")).containsExactly(eventId);

        Run again = replay("--webhook", webhook, "--since", "1h");
        assertThat(again.out()).contains("Replayed 1 dead letter").containsPattern("already replayed +1");
    }

    @Test
    void shouldSkipFromTheCommandLineADeadLetterWhoseWebhookMovedToAnotherWorkspaceAndReplayItOnceItIsBack() {
        String webhook = disabledWebhook();
        String eventId = publish("task.created");
        awaitDeadLetters(webhook, 1);
        move(webhook, workspace + "_other");

        Run whileMoved = replay("--workspace", workspace, "--since", "1h");

        assertThat(whileMoved.exitCode()).as("nothing replayed, what matched skipped: " + whileMoved.err())
                .isEqualTo(3);
        assertThat(whileMoved.out()).contains("Replayed 0 dead letters").contains("skipped           1 (webhook_moved 1)");
        assertThat(awaitDeadLetters(webhook, 1).get(0).get("replayedAt").isNull()).isTrue();
        move(webhook, workspace);
        Run back = replay("--workspace", workspace, "--since", "1h");
        assertThat(back.out()).contains("Replayed 1 dead letter");
        await().atMost(WAIT).until(() -> !receiver.received().isEmpty());
        assertThat(receiver.received()).extracting(request -> request.header("webhook-id")).containsExactly(eventId);
    }

    @Test
    void shouldRefuseBadOptionsWithUsage() {
        Run run = replay("--since", "last tuesday");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--since").contains("ISO-8601");
    }

    @Test
    void shouldRefuseAnEmptyOptionRatherThanReplayWithoutThatFilter() {
        Run since = replay("--webhook", "webhook_none", "--since", "");
        Run until = replay("--webhook", "webhook_none", "--until", " ");
        Run workspace = replay("--workspace", "", "--since", "1h");

        assertThat(since.exitCode()).isEqualTo(2);
        assertThat(since.err()).contains("--since: is empty");
        assertThat(until.exitCode()).isEqualTo(2);
        assertThat(until.err()).contains("--until: is empty");
        assertThat(workspace.exitCode()).isEqualTo(2);
        assertThat(workspace.err()).contains("--workspace is empty");
    }

    @Test
    void shouldRefuseAReplayWithoutAnyFilterUnlessAllIsGiven() {
        Run unfiltered = replay();
        Run dryRun = replay("--dry-run");

        assertThat(unfiltered.exitCode()).isEqualTo(2);
        assertThat(unfiltered.err()).contains("at least one filter").contains("--all");
        assertThat(dryRun.exitCode()).isEqualTo(2);
        assertThat(replay("--all", "--dry-run").exitCode()).as("every workspace, when asked for").isZero();
    }

    private String disabledWebhook() {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/hooks"), "events", List.of("*"))));
        String webhook = created.json().get("id").textValue();
        await().atMost(WAIT).until(() -> TestSystem.router().webhooksOf(workspace).contains(webhook));
        ApiClient.Response disabled = api.put("/v1/webhooks/" + webhook, Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/hooks"), "events", List.of("*"), "enabled", false)));
        assertThat(disabled.status()).as(disabled.body()).isEqualTo(200);
        return webhook;
    }

    private void enable(String webhook) {
        assertThat(api.put("/v1/webhooks/" + webhook, Json.toString(Map.of("workspaceId", workspace,
                "url", receiver.url("/hooks"), "events", List.of("*"), "enabled", true))).status()).isEqualTo(200);
    }

    /** Moves {@code webhook}, enabled, to {@code toWorkspace}. */
    private void move(String webhook, String toWorkspace) {
        assertThat(api.put("/v1/webhooks/" + webhook, Json.toString(Map.of("workspaceId", toWorkspace,
                "url", receiver.url("/hooks"), "events", List.of("*"), "enabled", true))).status()).isEqualTo(200);
    }

    private String publish(String type) {
        ApiClient.Response accepted = api.post("/v1/events", "{\"event\":\"" + type + "\",\"workspaceId\":\"" + workspace
                + "\",\"data\":{\"id\":\"obj_1\"}}");
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        return accepted.json().get("id").textValue();
    }

    private List<JsonNode> awaitDeadLetters(String webhook, int count) {
        return await().atMost(WAIT).until(() -> {
            List<JsonNode> entries = new java.util.ArrayList<>();
            api.get("/v1/dead-letters?webhookId=" + webhook).json().get("data").forEach(entries::add);
            return entries;
        }, entries -> entries.size() >= count);
    }

    private static Run replay(String... options) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine command = WebhooksCommand.commandLine();
        command.setOut(new PrintWriter(out, true));
        command.setErr(new PrintWriter(err, true));
        String[] args = new String[options.length + 3];
        args[0] = "replay";
        args[1] = "--set";
        args[2] = "kafka.bootstrap.servers=" + TestKafka.bootstrapServers();
        System.arraycopy(options, 0, args, 3, options.length);
        int exitCode = command.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private record Run(int exitCode, String out, String err) {
    }
}
