package com.chatplugify.webhooks.app.cli;

import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "A test receiver on 127.0.0.1: prints every webhook it gets and checks its signature "
                + "with the Standard Webhooks library.")
public final class ReceiveCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9000", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--secret", paramLabel = "whsec_...", description = "The webhook's secret, to verify signatures.")
    String secret;

    @Option(names = "--status", defaultValue = "200", description = "Status to answer with (default ${DEFAULT-VALUE}).")
    int status;

    @Override
    public Integer call() throws Exception {
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
}
