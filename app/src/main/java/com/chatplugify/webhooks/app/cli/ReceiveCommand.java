package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.deliverer.signing.SignatureVerifier;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "receive", mixinStandardHelpOptions = true,
        description = "A test receiver on 127.0.0.1: prints every webhook it gets and checks its signature.")
public final class ReceiveCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "9000", description = "Port to listen on (default ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--secret", paramLabel = "whsec_...", description = "The webhook's secret, to verify signatures.")
    String secret;

    @Option(names = "--status", defaultValue = "200", description = "Status to answer with (default ${DEFAULT-VALUE}).")
    int status;

    @Override
    public Integer call() throws Exception {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
        System.out.printf("Listening on http://127.0.0.1:%d/ (answering %d). Ctrl-C to stop.%n", port, status);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(0);
            stopped.countDown();
        }));
        stopped.await();
        return 0;
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        PrintStream out = System.out;
        synchronized (out) {
            out.printf("%n%s %s%n", exchange.getRequestMethod(), exchange.getRequestURI());
            exchange.getRequestHeaders().forEach((name, values) -> out.printf("  %s: %s%n", name, String.join(", ", values)));
            out.printf("  %s%n", new String(body, StandardCharsets.UTF_8));
            if (secret != null) {
                String verdict = SignatureVerifier.verify(secret, exchange.getRequestHeaders().getFirst("webhook-id"),
                        exchange.getRequestHeaders().getFirst("webhook-timestamp"),
                        exchange.getRequestHeaders().getFirst("webhook-signature"), body, Clock.systemUTC());
                out.printf("  signature: %s%n", verdict);
            }
            out.flush();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }
}
