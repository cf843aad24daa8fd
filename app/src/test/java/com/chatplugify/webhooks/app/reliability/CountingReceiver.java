package com.chatplugify.webhooks.app.reliability;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A receiver on 127.0.0.1 that counts, for each (event, webhook), the 2xx answers it gave: the accounting's view of
 * what was delivered. Webhook URLs are {@code /hooks/<webhookId>}; the event is the {@code webhook-id} header.
 *
 * <p>It can go down, in one of two ways, and come back on the same port: refusing connections (nothing listens)
 * or answering 503, as a load balancer in front of a dead endpoint does.
 */
final class CountingReceiver implements AutoCloseable {

    /** How the endpoint behaves. */
    enum State { UP, ANSWERING_503, REFUSING }

    private static final String PATH = "/hooks/";

    private final Map<DeliveryPair, AtomicInteger> delivered = new ConcurrentHashMap<>();
    private final Map<String, List<String>> answeredInOrder = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final ExecutorService handlers = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "counting-receiver");
        thread.setDaemon(true);
        return thread;
    });
    private final int port;
    private volatile State state = State.UP;
    private HttpServer server;

    CountingReceiver() {
        this.server = listen(0);
        this.port = server.getAddress().getPort();
    }

    String url(String webhookId) {
        return "http://127.0.0.1:" + port + PATH + webhookId;
    }

    synchronized void set(State next) {
        if (next == state) {
            return;
        }
        if (next == State.REFUSING) {
            // In-flight exchanges finish: a 2xx counted here is one the deliverer read.
            server.stop(1);
        } else if (state == State.REFUSING) {
            server = listen(port);
        }
        state = next;
    }

    State state() {
        return state;
    }

    /** 2xx answers given, per (event, webhook). */
    Map<DeliveryPair, Integer> delivered() {
        Map<DeliveryPair, Integer> copy = new HashMap<>();
        delivered.forEach((pair, count) -> copy.put(pair, count.get()));
        return copy;
    }

    /** The events of a webhook in the order they were first answered 2xx. */
    List<String> firstDeliveries(String webhookId) {
        List<String> answered = answeredInOrder.getOrDefault(webhookId, List.of());
        synchronized (answered) {
            return List.copyOf(new LinkedHashSet<>(answered));
        }
    }

    int requests() {
        return requests.get();
    }

    @Override
    public synchronized void close() {
        if (state != State.REFUSING) {
            server.stop(0);
        }
        handlers.shutdownNow();
    }

    private HttpServer listen(int onPort) {
        try {
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), onPort), 200);
            created.setExecutor(handlers);
            created.createContext(PATH, this::handle);
            created.start();
            return created;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot listen on port " + onPort, e);
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (InputStream body = exchange.getRequestBody()) {
            body.readAllBytes();
        }
        requests.incrementAndGet();
        if (state != State.UP) {
            exchange.sendResponseHeaders(503, -1);
            exchange.close();
            return;
        }
        String webhookId = exchange.getRequestURI().getPath().substring(PATH.length());
        String eventId = exchange.getRequestHeaders().getFirst("webhook-id");
        List<String> answered = answeredInOrder.computeIfAbsent(webhookId, id -> Collections.synchronizedList(new ArrayList<>()));
        answered.add(eventId);
        exchange.sendResponseHeaders(200, -1);
        exchange.close();
        delivered.computeIfAbsent(new DeliveryPair(eventId, webhookId), pair -> new AtomicInteger()).incrementAndGet();
    }
}
