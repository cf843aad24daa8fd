package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.Version;
import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import io.netty.util.HashedWheelTimer;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.HttpRoute;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.client5.http.protocol.HttpClientContext;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Non-blocking HTTP POSTs to webhooks' endpoints over pooled keep-alive connections. Redirects are never followed,
 * nothing is retried here (retries go through the delay tiers), every request ends by its {@link Deadline} (its host
 * name's resolution included), TLS is verified with the trusted authorities and host name checks ({@link DeliveryTls}),
 * response headers are bounded as the body is, and connections go only to the address the {@link EndpointResolver}
 * allowed: directly, or through the {@link EgressProxy}, which is asked to {@code CONNECT} to that address.
 *
 * <p>Connections are pooled by route: webhook, address, host name, client identity and proxy ({@link DeliveryRoutes}).
 * A connection serves one webhook alone, even where many webhooks share a server, so that what one receiver leaves on
 * a connection cannot reach another webhook's attempt. How many attempts one webhook may have in flight is capped by
 * the deliverer, not here, so the per-route pool is as large as the whole; the whole is {@code maxConnections}, open
 * or idle, whatever the number of routes: a new connection closes the longest-idle one of another route when the
 * pool is full, and those idle for a minute are closed.
 */
public final class WebhookHttpClient implements AutoCloseable {

    public static final String USER_AGENT = "Chatplugify-Webhooks/" + Version.current();
    /** Longest response header line (and status line) read; a longer one fails the attempt. */
    static final int MAX_HEADER_LINE_BYTES = 8 * 1024;
    /** Most response headers read; more fail the attempt. */
    static final int MAX_HEADERS = 100;
    private static final String ROUTE_ESTABLISHED = "chatplugify.route-established";

    /** Names are resolved before a request reaches the client; one it would resolve itself is a bug, refused. */
    private static final DnsResolver NO_RESOLUTION = new DnsResolver() {
        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            throw new UnknownHostException(host + ": not resolved by the endpoint resolver");
        }

        @Override
        public String resolveCanonicalHostname(String host) throws UnknownHostException {
            throw new UnknownHostException(host + ": not resolved by the endpoint resolver");
        }
    };

    /**
     * How long {@link #close} waits for the I/O reactors to stop by themselves once the connections are closed: they
     * do at their next wake-up, unless a connection is still being opened (it ends by the attempt's connect timeout).
     */
    private static final TimeValue REACTORS_STOP = TimeValue.ofSeconds(2);

    private final PoolingAsyncClientConnectionManager connections;
    private final CloseableHttpAsyncClient client;
    private final EndpointResolver resolver;
    private final Optional<EgressProxy> proxy;
    private final Duration timeout;
    /**
     * Every attempt's deadline, set and (mostly) cancelled once each: a timing wheel does both in constant time, where
     * a scheduled executor's heap took 6 % of the HTTP client's threads in the bench. Ticks of 10 ms are precise
     * enough for timeouts of seconds.
     */
    private final HashedWheelTimer deadlines = new HashedWheelTimer(DaemonThreads.named("delivery-deadlines"), 10,
            TimeUnit.MILLISECONDS);

    /**
     * @param timeout  the deadline of {@link #post}, and the longest any connection waits for a connect or a byte
     * @param resolver closed with this client
     * @param proxy    the proxy every request tunnels through; empty to connect directly
     */
    public WebhookHttpClient(Duration timeout, int maxConnections, EndpointResolver resolver, DeliveryTls tls,
                             Optional<EgressProxy> proxy) {
        this.timeout = timeout;
        this.resolver = resolver;
        this.proxy = proxy;
        Timeout attemptTimeout = Timeout.of(timeout);
        this.connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(maxConnections)
                .setMaxConnTotal(maxConnections)
                .setDnsResolver(NO_RESOLUTION)
                .setTlsStrategy(tls)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(attemptTimeout)
                        .setSocketTimeout(attemptTimeout)
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .build())
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
                .setRoutePlanner(new DeliveryRoutes())
                // Reached only once the route is established: a proxy that refuses the tunnel answers the CONNECT
                // with a response httpclient5 hands over as the request's own, without passing here.
                .addExecInterceptorAfter(ChainElement.CONNECT.name(), "route-established",
                        (request, entity, scope, chain, callback) -> {
                            scope.clientContext.setAttribute(ROUTE_ESTABLISHED, Boolean.TRUE);
                            chain.proceed(request, entity, scope, callback);
                        })
                // Unbounded by default: a receiver could send header lines until the timeout and fill the heap.
                .setHttp1Config(Http1Config.custom()
                        .setMaxLineLength(MAX_HEADER_LINE_BYTES)
                        .setMaxHeaderCount(MAX_HEADERS)
                        .build())
                .setIOReactorConfig(IOReactorConfig.custom().setSoTimeout(attemptTimeout).build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setConnectionRequestTimeout(attemptTimeout)
                        .setResponseTimeout(attemptTimeout)
                        .setRedirectsEnabled(false)
                        .build())
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .evictIdleConnections(TimeValue.ofMinutes(1))
                .setUserAgent(USER_AGENT)
                .build();
        client.start();
    }

    /**
     * POSTs {@code body} as JSON for webhook {@code webhookId}, without client certificate; the future completes (never
     * exceptionally) within the timeout.
     */
    public CompletableFuture<HttpAttempt> post(String webhookId, URI url, Map<String, String> headers, byte[] body) {
        return send(OutboundRequest.json(webhookId, url, headers, body, null), Deadline.in(timeout));
    }

    /** Sends {@code request}; the future completes, never exceptionally, by {@code deadline}. */
    public CompletableFuture<HttpAttempt> send(OutboundRequest request, Deadline deadline) {
        long started = System.nanoTime();
        URI url = request.url();
        SimpleRequestBuilder builder = SimpleRequestBuilder.post(url).setBody(request.body(), request.contentType());
        request.headers().forEach(builder::setHeader);
        SimpleHttpRequest http = builder.build();
        CompletableFuture<HttpAttempt> result = new CompletableFuture<>();
        AtomicReference<Future<HttpAttempt>> exchange = new AtomicReference<>();
        AtomicReference<Runnable> cancelExchange = new AtomicReference<>();
        io.netty.util.Timeout timer = deadlines.newTimeout(expired -> {
            Runnable cancel = cancelExchange.get();
            if (cancel != null) {
                cancel.run();
            } else {
                result.complete(HttpAttempt.failed(deadline.timedOut() + " resolving " + url.getHost(),
                        elapsed(started)));
            }
        }, deadline.remaining().toNanos(), TimeUnit.NANOSECONDS);
        result.whenComplete((attempt, e) -> timer.cancel());
        route(url, request.webhookId(), request.identity()).whenComplete((route, e) -> {
            if (e != null) {
                Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                result.complete(cause instanceof RefusedAddressException refused
                        ? HttpAttempt.refused(refused.getMessage(), elapsed(started))
                        : HttpAttempt.failed(describe(cause), elapsed(started)));
            } else if (!result.isDone()) {
                HttpClientContext context = HttpClientContext.create();
                context.setAttribute(DeliveryRoutes.ROUTE, route);
                // The pool's state of the connection: one that presented a certificate is only leased for it again.
                context.setUserToken(request.identity());
                cancelExchange.set(() -> {
                    Future<HttpAttempt> sent = exchange.get();
                    if (sent != null) {
                        sent.cancel(true);
                    }
                    result.complete(HttpAttempt.failed(onRoute(context, route, deadline.timedOut()), elapsed(started)));
                });
                exchange.set(client.execute(SimpleRequestProducer.create(http), new BoundedResponseConsumer(started),
                        null, context, callback(result, context, route, deadline, started)));
                if (result.isDone()) {
                    // The deadline passed while the request was being handed over.
                    exchange.get().cancel(true);
                }
            }
        });
        return result;
    }

    /** The route to {@code url}: its address resolved and checked, and the proxy's resolved, both at once. */
    private CompletableFuture<HttpRoute> route(URI url, String webhookId, ClientIdentity identity) {
        CompletableFuture<InetAddress> target = resolver.resolve(url.getHost());
        if (proxy.isEmpty()) {
            return target.thenApply(address -> DeliveryRoutes.route(url, address, webhookId, identity, null));
        }
        EgressProxy egress = proxy.get();
        CompletableFuture<HttpHost> hop = resolver.resolveConfigured(egress.host()).thenApply(egress::at);
        return target.thenCombine(hop, (address, proxyHost) -> DeliveryRoutes.route(url, address, webhookId, identity,
                proxyHost));
    }

    private FutureCallback<HttpAttempt> callback(CompletableFuture<HttpAttempt> result, HttpClientContext context,
                                                 HttpRoute route, Deadline deadline, long started) {
        return new FutureCallback<>() {
            @Override
            public void completed(HttpAttempt attempt) {
                result.complete(context.getAttribute(ROUTE_ESTABLISHED) != null || route.getProxyHost() == null ? attempt
                        : HttpAttempt.failed("the egress proxy " + proxy.orElseThrow() + " refused to tunnel to "
                                + route.getTargetName().getHostName() + ":" + route.getTargetName().getPort() + ": HTTP "
                                + attempt.status(), attempt.latency()));
            }

            @Override
            public void failed(Exception e) {
                // The socket's timeout is the attempt's: the same end, told the same way as the deadline tells it.
                String error = e instanceof SocketTimeoutException ? deadline.timedOut() : describe(e);
                result.complete(HttpAttempt.failed(onRoute(context, route, error), elapsed(started)));
            }

            @Override
            public void cancelled() {
                result.complete(HttpAttempt.failed(onRoute(context, route, deadline.timedOut()), elapsed(started)));
            }
        };
    }

    /**
     * {@code error} as the history shows it: one that ended an attempt before its route through the egress proxy was
     * up (the proxy down, closing, stalling, or the receiver's TLS through the tunnel) says so, naming the proxy.
     */
    private String onRoute(HttpClientContext context, HttpRoute route, String error) {
        if (route.getProxyHost() == null || context.getAttribute(ROUTE_ESTABLISHED) != null) {
            return error;
        }
        return "before the route through the egress proxy " + proxy.orElseThrow() + " to "
                + route.getTargetName().getHostName() + ":" + route.getTargetName().getPort() + " was up: " + error;
    }

    /**
     * Abandons the attempts still in flight (by now the engine has waited for those it still cares about) and stops.
     * The I/O reactors are asked to stop and close their selectors themselves: {@code close(IMMEDIATE)} closes them
     * from this thread while a reactor may be iterating its selected keys, which it reports as a
     * {@link java.util.ConcurrentModificationException} logged at ERROR.
     */
    @Override
    public void close() {
        // A connection's sockets may be closed from any thread; closing every one, leased ones included, leaves the
        // reactors nothing to wait for, so they stop by their next wake-up (within their one-second select interval)
        // instead of letting the abandoned exchanges finish.
        connections.close(CloseMode.IMMEDIATE);
        client.initiateShutdown();
        try {
            client.awaitShutdown(REACTORS_STOP);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        // Does nothing more when the reactors stopped in time.
        client.close(CloseMode.IMMEDIATE);
        resolver.close();
        deadlines.stop();
    }

    private static Duration elapsed(long started) {
        return Duration.ofNanos(System.nanoTime() - started);
    }

    private static String describe(Throwable e) {
        String message = e.getMessage();
        return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }
}
