package com.chatplugify.webhooks.testing.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * A real HTTP receiver on 127.0.0.1 for tests: records every request it gets and answers as scripted
 * (200 unless told otherwise). {@link #https} makes one that speaks TLS, and may require client certificates.
 */
public final class RecordingReceiver implements AutoCloseable {

    /**
     * A request as received: method, path, headers (lower-cased names), body and when it arrived.
     *
     * @param clientPort        the port of the client's end of the connection: requests on one connection share it
     * @param clientCertificate the subject of the certificate the client presented over TLS; null for none
     */
    public record Received(String method, String path, Map<String, String> headers, byte[] body, Instant at,
                           int clientPort, String clientCertificate) {

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
        this(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
    }

    /** A plain-HTTP receiver, started where a checked exception is unwelcome (field initialisers). */
    public static RecordingReceiver start() {
        try {
            return new RecordingReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private RecordingReceiver(HttpServer server) {
        this.server = server;
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread thread = new Thread(r, "recording-receiver");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * A receiver over TLS with {@code context}'s certificate, that requires a client certificate its trust managers
     * accept ({@code requireClientCertificate}), or takes one when the client has one.
     */
    public static RecordingReceiver https(SSLContext context, boolean requireClientCertificate) throws IOException {
        HttpsServer server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(context) {
            @Override
            public void configure(HttpsParameters parameters) {
                SSLParameters ssl = context.getDefaultSSLParameters();
                if (requireClientCertificate) {
                    ssl.setNeedClientAuth(true);
                } else {
                    ssl.setWantClientAuth(true);
                }
                parameters.setSSLParameters(ssl);
            }
        });
        return new RecordingReceiver(server);
    }

    /** Answers every later request with what {@code script} returns for it. */
    public RecordingReceiver answer(Function<Received, Reply> script) {
        this.script = script;
        return this;
    }

    public String url(String path) {
        return (server instanceof HttpsServer ? "https" : "http") + "://127.0.0.1:" + server.getAddress().getPort() + path;
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
                body, Instant.now(), exchange.getRemoteAddress().getPort(), clientCertificate(exchange));
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

    private static String clientCertificate(HttpExchange exchange) {
        if (!(exchange instanceof HttpsExchange https)) {
            return null;
        }
        try {
            Certificate[] chain = https.getSSLSession().getPeerCertificates();
            return ((X509Certificate) chain[0]).getSubjectX500Principal().getName();
        } catch (SSLPeerUnverifiedException none) {
            return null;
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
