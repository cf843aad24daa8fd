package com.chatplugify.webhooks.app.cli;

import com.standardwebhooks.Webhook;
import com.standardwebhooks.exceptions.WebhookVerificationException;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The receiver of {@code bin/webhooks receive}, on 127.0.0.1: prints every request it gets and, given the webhook's
 * secret, whether its signature holds, checked by the official Standard Webhooks library as a receiver would.
 */
final class PrintingReceiver implements AutoCloseable {

    private final HttpServer server;
    private final Webhook verifier;
    private final int status;
    private final PrintStream out;

    /**
     * @param port   0 for any free port
     * @param secret the webhook's secret ({@code whsec_...}), or null not to check signatures
     * @param status what to answer every request with
     */
    PrintingReceiver(int port, String secret, int status, PrintStream out) throws IOException {
        this.verifier = secret == null ? null : new Webhook(secret);
        this.status = status;
        this.out = out;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body = exchange.getRequestBody().readAllBytes();
        synchronized (out) {
            out.printf("%n%s %s%n", exchange.getRequestMethod(), exchange.getRequestURI());
            exchange.getRequestHeaders().forEach((name, values) -> out.printf("  %s: %s%n", name, String.join(", ", values)));
            out.printf("  %s%n", new String(body, StandardCharsets.UTF_8));
            if (verifier != null) {
                out.printf("  signature: %s%n", verdict(exchange, body));
            }
            out.flush();
        }
        exchange.sendResponseHeaders(status, -1);
        exchange.close();
    }

    /** {@code valid}, or {@code INVALID} and the library's reason (a bad signature, a stale timestamp, ...). */
    private String verdict(HttpExchange exchange, byte[] body) {
        // The library looks the headers up by their lower-case names; the JDK server capitalises them.
        Map<String, List<String>> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
        try {
            verifier.verify(new String(body, StandardCharsets.UTF_8), headers);
            return "valid";
        } catch (WebhookVerificationException e) {
            return "INVALID (" + e.getMessage() + ")";
        }
    }
}
