package com.chatplugify.webhooks.deliverer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
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

    private final ServerSocket server;
    private final Map<String, byte[]> answers;
    private final Map<String, AtomicInteger> received = new ConcurrentHashMap<>();
    private final List<Socket> connections = new CopyOnWriteArrayList<>();

    /** @param answers the raw response written for each path; a path not named gets a 404 */
    public KeepAliveReceiver(Map<String, String> answers) {
        Map<String, byte[]> bytes = new ConcurrentHashMap<>();
        answers.forEach((path, answer) -> bytes.put(path, answer.getBytes(StandardCharsets.ISO_8859_1)));
        this.answers = Map.copyOf(bytes);
        try {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "keep-alive-receiver");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public String url(String path) {
        return "http://127.0.0.1:" + server.getLocalPort() + path;
    }

    /** How many requests have arrived for {@code path}. */
    public int received(String path) {
        AtomicInteger count = received.get(path);
        return count == null ? 0 : count.get();
    }

    /** How many connections have been opened to it. */
    public int connections() {
        return connections.size();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            // Closing anyway.
        }
        for (Socket connection : connections) {
            try {
                connection.close();
            } catch (IOException e) {
                // Closing anyway.
            }
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                connections.add(connection);
                Thread handler = new Thread(() -> serve(connection), "keep-alive-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            InputStream in = connection.getInputStream();
            OutputStream out = connection.getOutputStream();
            String path;
            while ((path = readRequest(in)) != null) {
                received.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
                out.write(answers.getOrDefault(path,
                        "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1)));
                out.flush();
            }
        } catch (IOException e) {
            // The client closed the connection: its to do whenever it likes.
        }
    }

    /** Reads one request, its Content-Length body included; returns its path, or null at the connection's end. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        if (b < 0) {
            return null;
        }
        String[] lines = head.toString(StandardCharsets.ISO_8859_1).split("\r\n");
        for (String line : lines) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
            }
        }
        String[] requestLine = lines[0].split(" ");
        return requestLine.length > 1 ? requestLine[1] : "";
    }
}
