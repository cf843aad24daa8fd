package com.chatplugify.webhooks.app.cli;

import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "A test receiver on 127.0.0.1: prints every webhook it gets and checks its signature "
                + "with the Standard Webhooks library.")
public final class ReceiveCommand implements Callable<Integer> {

    static final String SECRET_PREFIX = "whsec_";

    @Option(names = "--port", defaultValue = "9000", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--secret", paramLabel = "whsec_...",
            description = "The webhook's secret (whsec_ and base64), to verify signatures.")
    String secret;

    @Option(names = "--status", defaultValue = "200",
            description = "Status to answer with, 100 to 599 (default ${DEFAULT-VALUE}).")
    int status;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        checkOptions();
        PrintingReceiver receiver = new PrintingReceiver(port, secret, status, System.out);
        System.out.printf("Listening on http://127.0.0.1:%d/ (answering %d). Ctrl-C to stop.%n", receiver.port(), status);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            receiver.close();
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    /** Refuses, as usage errors, a status HTTP has no room for and a secret the receiver could not check with. */
    private void checkOptions() {
        if (status < 100 || status > 599) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--status must be an HTTP status from 100 to 599, got " + status);
        }
        if (secret != null) {
            secretProblem(secret).ifPresent(problem -> {
                throw new CommandLine.ParameterException(spec.commandLine(), "--secret " + problem);
            });
        }
    }

    /** What is wrong with a webhook secret as {@code --secret} gives it, or empty when it is whsec_ and base64. */
    static Optional<String> secretProblem(String secret) {
        if (!secret.startsWith(SECRET_PREFIX)) {
            return Optional.of("must start with " + SECRET_PREFIX + " (the webhook's secret as the API shows it)");
        }
        String key = secret.substring(SECRET_PREFIX.length());
        try {
            if (Base64.getDecoder().decode(key).length == 0) {
                return Optional.of("has no key after " + SECRET_PREFIX);
            }
        } catch (IllegalArgumentException e) {
            return Optional.of("must be " + SECRET_PREFIX + " followed by base64: " + e.getMessage());
        }
        return Optional.empty();
    }
}
