package com.chatplugify.webhooks.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.chatplugify.webhooks.app.WebhooksCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** {@code bin/webhooks receive} refuses, as usage errors and before it listens, options it could not honour. */
class ReceiveCommandTest {

    @ParameterizedTest
    @ValueSource(strings = {"99", "600", "1000", "-1"})
    void shouldRefuseAStatusOutside100To599(String status) {
        String err = runExpectingUsageError("receive", "--port", "0", "--status", status);

        assertThat(err).contains("--status must be an HTTP status from 100 to 599, got " + status);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "notwhsec", "MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw"})
    void shouldRefuseASecretWithoutTheWhsecPrefix(String secret) {
        String err = runExpectingUsageError("receive", "--port", "0", "--secret", secret);

        assertThat(err).contains("--secret must start with whsec_");
    }

    @ParameterizedTest
    @ValueSource(strings = {"whsec_", "whsec_not base64!", "whsec_a"})
    void shouldRefuseASecretWhoseKeyIsNotBase64(String secret) {
        String err = runExpectingUsageError("receive", "--port", "0", "--secret", secret);

        assertThat(err).containsPattern("--secret (has no key after whsec_|must be whsec_ followed by base64)");
    }

    @Test
    void shouldAcceptASecretOfTheApisForm() {
        assertThat(ReceiveCommand.secretProblem("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")).isEmpty();
    }

    private static String runExpectingUsageError(String... args) {
        CommandLine command = WebhooksCommand.commandLine();
        StringWriter err = new StringWriter();
        command.setErr(new PrintWriter(err));

        // An option let through would start the receiver, which runs until stopped.
        int exit = assertTimeoutPreemptively(Duration.ofSeconds(30), () -> command.execute(args));

        assertThat(exit).as("exit status; stderr: %s", err).isEqualTo(CommandLine.ExitCode.USAGE);
        return err.toString();
    }
}
