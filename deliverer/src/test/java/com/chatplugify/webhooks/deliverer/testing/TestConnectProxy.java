package com.chatplugify.webhooks.deliverer.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ConnectHandler;
import org.eclipse.jetty.util.Callback;

/**
 * A real HTTP CONNECT proxy on 127.0.0.1 (Jetty's {@link ConnectHandler}) that records the destination of every
 * {@code CONNECT} it is asked for, and can be told to refuse them all (403).
 */
public final class TestConnectProxy implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final List<String> connects = new CopyOnWriteArrayList<>();
    private volatile boolean refusing;

    private TestConnectProxy() throws Exception {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new ConnectHandler() {
            @Override
            protected void handleConnect(Request request, Response response, Callback callback, String serverAddress) {
                connects.add(serverAddress);
                super.handleConnect(request, response, callback, serverAddress);
            }

            @Override
            public boolean validateDestination(String host, int port) {
                return !refusing && super.validateDestination(host, port);
            }
        });
        server.start();
    }

    public static TestConnectProxy start() {
        try {
            return new TestConnectProxy();
        } catch (Exception e) {
            throw new IllegalStateException("the test proxy did not start", e);
        }
    }

    /** What {@code delivery.proxy} takes. */
    public String url() {
        return "http://127.0.0.1:" + connector.getLocalPort();
    }

    /** The {@code host:port} of every CONNECT asked for, in order. */
    public List<String> connects() {
        return List.copyOf(connects);
    }

    /** Answers every later CONNECT with 403 Forbidden. */
    public void refuseAll() {
        refusing = true;
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
