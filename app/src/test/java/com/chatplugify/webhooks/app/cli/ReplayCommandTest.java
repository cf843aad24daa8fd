package com.chatplugify.webhooks.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.app.WebhooksCommand;
import com.chatplugify.webhooks.ingest.deadletters.ReplayReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The exit status of {@code bin/webhooks replay} for each kind of outcome, and its {@code --help} listing them. */
class ReplayCommandTest {

    @Test
    void shouldExitWithAllSkippedWhenEveryMatchWasSkipped() {
        ReplayReport report = new ReplayReport(false, 5, 0, 0, Map.of("webhook_disabled", 5L), false, null);

        assertThat(ReplayCommand.exitStatus(report)).isEqualTo(ReplayCommand.ALL_SKIPPED).isEqualTo(3);
    }

    @Test
    void shouldExitWithAllSkippedWhenTheMatchesNotReplayedBeforeWereAllSkipped() {
        ReplayReport report = new ReplayReport(false, 5, 0, 3, Map.of("webhook_deleted", 2L), false, null);

        assertThat(ReplayCommand.exitStatus(report)).isEqualTo(ReplayCommand.ALL_SKIPPED);
    }

    @Test
    void shouldExitWithZeroWhenSomeWereReplayedAndOthersSkipped() {
        ReplayReport report = new ReplayReport(false, 5, 1, 0, Map.of("webhook_disabled", 4L), false, null);

        assertThat(ReplayCommand.exitStatus(report)).isZero();
    }

    @Test
    void shouldExitWithZeroWhenNothingMatched() {
        assertThat(ReplayCommand.exitStatus(new ReplayReport(false, 0, 0, 0, Map.of(), false, null))).isZero();
    }

    @Test
    void shouldExitWithZeroWhenEveryMatchWasReplayedBefore() {
        assertThat(ReplayCommand.exitStatus(new ReplayReport(false, 4, 0, 4, Map.of(), false, null))).isZero();
    }

    @Test
    void shouldExitWithZeroOnADryRunWhoseMatchesWouldAllBeSkipped() {
        ReplayReport report = new ReplayReport(true, 5, 0, 0, Map.of("webhook_disabled", 5L), false, null);

        assertThat(ReplayCommand.exitStatus(report)).isZero();
    }

    @Test
    void shouldListTheExitStatusesInItsHelp() {
        CommandLine command = WebhooksCommand.commandLine();
        StringWriter out = new StringWriter();
        command.setOut(new PrintWriter(out));

        assertThat(command.execute("replay", "--help")).isZero();

        assertThat(out.toString()).contains("Exit status:")
                .containsPattern("\\s0\\s+replayed what matched")
                .containsPattern("\\s1\\s+failed")
                .containsPattern("\\s2\\s+a usage or configuration error")
                .containsPattern("\\s3\\s+nothing replayed, because what matched was skipped");
    }
}
