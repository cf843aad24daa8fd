package com.chatplugify.webhooks.deliverer.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A proxy on 127.0.0.1 that takes connections and never opens a tunnel: it reads each {@code CONNECT} and then either
 * closes the connection or holds it, answering nothing, until {@link #close()}.
 */
public final class BrokenProxy implements AutoCloseable {

    /** What it does once it has read a request. */
    public enum Fault {
        CLOSES,
        STALLS
    }

    private final Fault fault;
    private final SocketReceiver sockets;
    private final List<String> requests = new CopyOnWriteArrayList<>();

    public BrokenProxy(Fault fault) {
        this.fault = fault;
        try {
            this.sockets = new SocketReceiver(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()),
                    "broken-proxy", this::serve);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + sockets.port();
    }

    /** The request lines read, such as {@code CONNECT 127.0.0.1:8080 HTTP/1.1}. */
    public List<String> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        sockets.close();
    }

    private void serve(Socket connection) {
        try (connection) {
            SocketReceiver.RawRequest request = SocketReceiver.read(connection.getInputStream());
            if (request != null) {
                requests.add(request.head().split("\r\n", 2)[0]);
            }
            if (fault == Fault.STALLS) {
                // Nothing more comes from the client until it gives up and closes.
                connection.getInputStream().read();
            }
        } catch (IOException e) {
            // Closed by the client or by close().
        }
    }
}
