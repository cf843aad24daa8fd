package com.chatplugify.webhooks.bench.receiver;

import com.chatplugify.webhooks.bench.MicroClock;
import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.apache.hc.core5.http.EntityDetails;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.http.Message;
import org.apache.hc.core5.http.URIScheme;
import org.apache.hc.core5.http.impl.bootstrap.AsyncServerBootstrap;
import org.apache.hc.core5.http.impl.bootstrap.HttpAsyncServer;
import org.apache.hc.core5.http.nio.AsyncRequestConsumer;
import org.apache.hc.core5.http.nio.AsyncServerRequestHandler;
import org.apache.hc.core5.http.nio.entity.BasicAsyncEntityConsumer;
import org.apache.hc.core5.http.nio.support.AsyncResponseBuilder;
import org.apache.hc.core5.http.nio.support.BasicRequestConsumer;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.reactor.ListenerEndpoint;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The bench's receiver: httpcore5's non-blocking server on 127.0.0.1, endpoints {@code /e/<n>}. Per request it reads
 * only the {@code webhook-id} header and the body's {@code timestamp}, tallies the arrival, and answers as the endpoint
 * is scripted; a delayed answer is scheduled, so a hung endpoint holds no thread. A refused endpoint's URL is on a
 * port of 127.0.0.1 that nothing listens on.
 */
public final class BenchReceiver implements AutoCloseable {

    private static final String PATH_PREFIX = "/e/";

    private final MicroClock clock;
    private final Map<Integer, ReceiverEndpoint> endpoints = new ConcurrentHashMap<>();
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final LongAdder stray = new LongAdder();
    private final ScheduledExecutorService delayed = Executors.newSingleThreadScheduledExecutor(
            DaemonThreads.named("bench-receiver-delays"));
    private final HttpAsyncServer server;
    private final int port;
    private final int closedPort;

    private BenchReceiver(MicroClock clock, int port, int ioThreads) {
        this.clock = clock;
        this.server = AsyncServerBootstrap.bootstrap()
                .setCanonicalHostName("127.0.0.1")
                .setIOReactorConfig(IOReactorConfig.custom()
                        .setIoThreadCount(ioThreads)
                        .setSoTimeout(Timeout.ofMinutes(2))
                        .setTcpNoDelay(true)
                        .setSoReuseAddress(true)
                        .build())
                .register("*", new Handler())
                .create();
        server.start();
        try {
            ListenerEndpoint listener = server.listen(new InetSocketAddress(InetAddress.getLoopbackAddress(), port),
                    URIScheme.HTTP).get(10, TimeUnit.SECONDS);
            this.port = ((InetSocketAddress) listener.getAddress()).getPort();
            this.closedPort = closedPort();
        } catch (ExecutionException | java.util.concurrent.TimeoutException | IOException e) {
            server.close(CloseMode.IMMEDIATE);
            throw new IllegalStateException("The bench receiver cannot listen on 127.0.0.1:" + port + ": "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.getMessage()), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            server.close(CloseMode.IMMEDIATE);
            throw new IllegalStateException("Interrupted while starting the bench receiver", e);
        }
    }

    /**
     * Starts the receiver.
     *
     * @param port      port on 127.0.0.1; 0 picks a free one
     * @param ioThreads I/O reactor threads
     */
    public static BenchReceiver start(MicroClock clock, int port, int ioThreads) {
        return new BenchReceiver(clock, port, ioThreads);
    }

    public int port() {
        return port;
    }

    /** New endpoints, one per kind given, in that order (their slots). */
    public List<ReceiverEndpoint> newEndpoints(List<EndpointKind> kinds) {
        List<ReceiverEndpoint> created = new ArrayList<>(kinds.size());
        for (int slot = 0; slot < kinds.size(); slot++) {
            ReceiverEndpoint endpoint = new ReceiverEndpoint(nextIndex.getAndIncrement(), slot, kinds.get(slot));
            endpoints.put(endpoint.index(), endpoint);
            created.add(endpoint);
        }
        return List.copyOf(created);
    }

    public String url(ReceiverEndpoint endpoint) {
        return "http://127.0.0.1:" + (endpoint.kind().reachable() ? port : closedPort) + endpoint.path();
    }

    /** Requests that no current measurement expected: unknown paths or ids, events of a finished measurement. */
    public long stray() {
        return stray.sum();
    }

    @Override
    public void close() {
        delayed.shutdownNow();
        server.close(CloseMode.IMMEDIATE);
        try {
            server.awaitShutdown(TimeValue.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void received(Message<HttpRequest, byte[]> message, AsyncServerRequestHandler.ResponseTrigger trigger,
                          HttpContext context) throws HttpException, IOException {
        long arrived = clock.nowMicros();
        ReceiverEndpoint endpoint = endpointOf(message.getHead().getPath());
        if (endpoint == null) {
            stray.increment();
            answer(trigger, context, new Reply(404, Duration.ZERO, null));
            return;
        }
        Header id = message.getHead().getFirstHeader("webhook-id");
        boolean probe = id != null && tally(endpoint, id.getValue(), message.getBody(), arrived);
        Reply reply = probe ? Reply.OK : endpoint.reply();
        if (reply.delay().isZero()) {
            answer(trigger, context, reply);
        } else {
            delayed.schedule(() -> {
                try {
                    answer(trigger, context, reply);
                } catch (HttpException | IOException e) {
                    // The client gave up waiting (its own timeout): nothing is left to answer.
                }
            }, reply.delay().toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    /** Counts the arrival; returns whether it was a probe. Event ids are {@code <prefix>_<number>} or {@code <prefix>_p<n>}. */
    private boolean tally(ReceiverEndpoint endpoint, String eventId, byte[] body, long arrived) {
        int separator = eventId.lastIndexOf('_');
        if (separator < 0 || separator == eventId.length() - 1) {
            stray.increment();
            return false;
        }
        if (eventId.charAt(separator + 1) == 'p') {
            endpoint.markProbed();
            return true;
        }
        DeliveryTally tally = endpoint.tally();
        if (tally == null || separator != tally.eventIdPrefix().length()
                || !eventId.regionMatches(0, tally.eventIdPrefix(), 0, separator)) {
            stray.increment();
            return false;
        }
        long number;
        try {
            number = Long.parseLong(eventId, separator + 1, eventId.length(), 10);
        } catch (NumberFormatException e) {
            stray.increment();
            return false;
        }
        tally.record(endpoint, number, body == null ? -1 : BodyTimestamp.micros(body), arrived);
        return false;
    }

    private ReceiverEndpoint endpointOf(String path) {
        if (path == null || !path.startsWith(PATH_PREFIX)) {
            return null;
        }
        int end = path.indexOf('?');
        try {
            return endpoints.get(Integer.parseInt(path, PATH_PREFIX.length(), end < 0 ? path.length() : end, 10));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void answer(AsyncServerRequestHandler.ResponseTrigger trigger, HttpContext context, Reply reply)
            throws HttpException, IOException {
        AsyncResponseBuilder response = AsyncResponseBuilder.create(reply.status());
        if (reply.retryAfter() != null) {
            response.addHeader("Retry-After", Long.toString(reply.retryAfter().toSeconds()));
        }
        trigger.submitResponse(response.build(), context);
    }

    /** A port of 127.0.0.1 that nothing listens on (just released by the kernel, not handed out again soon). */
    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private final class Handler implements AsyncServerRequestHandler<Message<HttpRequest, byte[]>> {

        @Override
        public AsyncRequestConsumer<Message<HttpRequest, byte[]>> prepare(HttpRequest request, EntityDetails entityDetails,
                                                                         HttpContext context) {
            return new BasicRequestConsumer<>(entityDetails == null ? null : new BasicAsyncEntityConsumer());
        }

        @Override
        public void handle(Message<HttpRequest, byte[]> message, ResponseTrigger trigger, HttpContext context)
                throws HttpException, IOException {
            received(message, trigger, context);
        }
    }
}
