package com.chatplugify.webhooks.deliverer.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver on 127.0.0.1 that keeps its connections open and answers every request on them with the raw bytes
 * scripted for its path, written as they are: well-formed responses, or ones that break HTTP's framing (bytes beyond
 * the {@code Content-Length}). Several webhooks pointing to different paths of it share one host and port. Each
 * connection gets its own thread; {@link #close()} ends them all.
 */
public final class KeepAliveReceiver implements AutoCloseable {

    /** A well-formed 200 with a two-byte body. */
    public static final String OK = "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 2\r\n\r\nok";

    private final SocketReceiver sockets;
    private final Map<String, byte[]> answers;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();

    /** @param answers the raw response written for each path; a path not named gets a 404 */
    public KeepAliveReceiver(Map<String, String> answers) {
        Map<String, byte[]> bytes = new ConcurrentHashMap<>();
        answers.forEach((path, answer) -> bytes.put(path, answer.getBytes(StandardCharsets.ISO_8859_1)));
        this.answers = Map.copyOf(bytes);
        try {
            this.sockets = new SocketReceiver(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    "keep-alive-receiver", this::serve);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url(String path) {
        return "http://127.0.0.1:" + sockets.port() + path;
    }

    /** How many requests have arrived for {@code path}. */
    public int received(String path) {
        AtomicInteger count = received.get(path);
        return count == null ? 0 : count.get();
    }

    /** How many connections have been opened to it. */
    public int connections() {
        return sockets.accepted().size();
    }

    @Override
    public void close() {
        sockets.close();
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            SocketReceiver.RawRequest request;
            while ((request = SocketReceiver.read(in)) != null && request.http()) {
                received.computeIfAbsent(request.path(), p -> new AtomicInteger()).incrementAndGet();
                out.write(answers.getOrDefault(request.path(),
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
                out.flush();
            }
        } catch (IOException e) {
            // The client closed the connection: its to do whenever it likes.
        }
    }
}
