package com.chatplugify.webhooks.testing.net;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Ports of 127.0.0.1 for tests. */
public final class LoopbackPorts {

    private LoopbackPorts() {
    }

    /**
     * A port of 127.0.0.1 that nothing listens on at the moment of the call (the system chose it, then it was closed
     * again): for an endpoint that refuses connections, or for a server the test tells which port to take.
     */
    public static int unused() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
