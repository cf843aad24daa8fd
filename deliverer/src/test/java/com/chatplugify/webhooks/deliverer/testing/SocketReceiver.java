package com.chatplugify.webhooks.deliverer.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The raw-socket part of the test receivers that break HTTP on purpose: accepts connections on a loopback server
 * socket, gives each a thread of its own running {@code serve}, and reads requests off them by hand.
 * {@link #close()} closes the server socket and every connection.
 */
final class SocketReceiver implements AutoCloseable {

    /** A request's head (request line and headers) as read, its body skipped; or not HTTP at all. */
    record RawRequest(boolean http, String head) {

        String path() {
            String[] requestLine = head.split("\r\n", 2)[0].split(" ");
            return requestLine.length > 1 ? requestLine[1] : "";
        }
    }

    private final ServerSocket server;
    private final Consumer<Socket> serve;
    private final List<Socket> connections = new CopyOnWriteArrayList<>();
    private final List<Instant> accepted = new CopyOnWriteArrayList<>();

    /** @param name the threads' name; {@code serve} runs on each connection's own thread and closes it */
    SocketReceiver(ServerSocket server, String name, Consumer<Socket> serve) {
        this.server = server;
        this.serve = serve;
        Thread acceptor = new Thread(this::accept, name);
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return server.getLocalPort();
    }

    /** When each connection was accepted. */
    List<Instant> accepted() {
        return List.copyOf(accepted);
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

    /**
     * Reads one request, its Content-Length body included. Null at the connection's end; not {@code http} when its
     * first byte cannot begin a request line (a TLS handshake, say).
     */
    static RawRequest read(InputStream in) throws IOException {
        int b = in.read();
        if (b < 0) {
            return null;
        }
        if (b < 'A' || b > 'Z') {
            return new RawRequest(false, "");
        }
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        head.write(b);
        while ((b = in.read()) >= 0) {
            head.write(b);
            if (head.size() >= 4 && head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
                break;
            }
        }
        if (b < 0) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                in.readNBytes(Integer.parseInt(line.substring("content-length:".length()).trim()));
            }
        }
        return new RawRequest(true, text);
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket connection = server.accept();
                accepted.add(Instant.now());
                connections.add(connection);
                Thread handler = new Thread(() -> serve.accept(connection), Thread.currentThread().getName() + "-connection");
                handler.setDaemon(true);
                handler.start();
            } catch (IOException e) {
                return;
            }
        }
    }
}
