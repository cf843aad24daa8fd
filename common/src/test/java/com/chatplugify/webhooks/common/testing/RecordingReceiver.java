package com.chatplugify.webhooks.common.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * A real HTTP receiver on 127.0.0.1 for tests: records every request it gets and answers as scripted
 * (200 unless told otherwise).
 */
public final class RecordingReceiver implements AutoCloseable {

    /** A request as received: method, path, headers (lower-cased names), body and when it arrived. */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, Instant at) {

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }
    }

    /** What to answer; with a {@code pause}, the body is sent one byte at a time, pausing between bytes. */
    public record Reply(int status, Map<String, String> headers, String body, Duration pause) {

        public Reply(int status, Map<String, String> headers, String body) {
            this(status, headers, body, null);
        }

        public static Reply status(int status) {
            return new Reply(status, Map.of(), "");
        }

        /** A 200 whose body trickles in, one byte every {@code pause}. */
        public static Reply trickle(String body, Duration pause) {
            return new Reply(200, Map.of(), body, pause);
        }
    }

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Received> received = new ConcurrentLinkedQueue<>();
    private volatile Function<Received, Reply> script = request -> Reply.status(200);

    public RecordingReceiver() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "recording-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /** Answers every later request with what {@code script} returns for it. */
    public RecordingReceiver answer(Function<Received, Reply> script) {
        this.script = script;
        return this;
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        byte[] body;
        try (InputStream in = exchange.getRequestBody()) {
            body = in.readAllBytes();
        }
        Map<String, String> headers = new LinkedHashMap<>();
        exchange.getRequestHeaders().forEach((name, values) ->
                headers.put(name.toLowerCase(Locale.ROOT), String.join(",", values)));
        Received request = new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(), headers,
                body, Instant.now());
        received.add(request);
        Reply reply = script.apply(request);
        reply.headers().forEach((name, value) -> exchange.getResponseHeaders().add(name, value));
        byte[] replyBody = reply.body().getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(reply.status(), replyBody.length == 0 ? -1 : replyBody.length);
        try (OutputStream out = exchange.getResponseBody()) {
            if (reply.pause() == null) {
                out.write(replyBody);
            } else {
                trickle(out, replyBody, reply.pause());
            }
        }
    }

    private static void trickle(OutputStream out, byte[] body, Duration pause) throws IOException {
        try {
            for (byte b : body) {
                out.write(b);
                out.flush();
                Thread.sleep(pause.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
