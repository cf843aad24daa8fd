package com.chatplugify.webhooks.deliverer.http;

import com.chatplugify.webhooks.common.Version;
import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import io.netty.util.HashedWheelTimer;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.async.methods.SimpleHttpRequest;
import org.apache.hc.client5.http.async.methods.SimpleRequestBuilder;
import org.apache.hc.client5.http.async.methods.SimpleRequestProducer;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.async.CloseableHttpAsyncClient;
import org.apache.hc.client5.http.impl.async.HttpAsyncClients;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManager;
import org.apache.hc.client5.http.impl.nio.PoolingAsyncClientConnectionManagerBuilder;
import org.apache.hc.core5.concurrent.FutureCallback;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.config.Http1Config;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.reactor.IOReactorConfig;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * Non-blocking HTTP POSTs to receivers over pooled keep-alive connections. Redirects are never followed, nothing
 * is retried here (retries go through the delay tiers), every attempt ends within the configured timeout, its host
 * name's resolution included, TLS is verified with the JVM's trust store and host name checks, response headers are
 * bounded as the body is, and connections go only to the address the {@link EndpointResolver} allowed.
 *
 * <p>Connections are pooled per host and may be shared by every webhook of that host; how many attempts one
 * webhook may have in flight is capped by the deliverer, not here, so the per-host pool is as large as the whole.
 */
public final class WebhookHttpClient implements AutoCloseable {

    public static final String USER_AGENT = "Chatplugify-Webhooks/" + Version.current();
    /** Longest response header line (and status line) read; a longer one fails the attempt. */
    static final int MAX_HEADER_LINE_BYTES = 8 * 1024;
    /** Most response headers read; more fail the attempt. */
    static final int MAX_HEADERS = 100;

    private final CloseableHttpAsyncClient client;
    private final EndpointResolver resolver;
    private final Duration timeout;
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
     * Every attempt's deadline, set and (mostly) cancelled once each: a timing wheel does both in constant time, where
     * a scheduled executor's heap took 6 % of the HTTP client's threads in the bench. Ticks of 10 ms are precise
     * enough for timeouts of seconds.
     */
    private final HashedWheelTimer deadlines = new HashedWheelTimer(DaemonThreads.named("delivery-deadlines"), 10,
            TimeUnit.MILLISECONDS);

    /** @param resolver closed with this client */
    public WebhookHttpClient(Duration timeout, int maxConnections, EndpointResolver resolver) {
        this.timeout = timeout;
        this.resolver = resolver;
        Timeout attemptTimeout = Timeout.of(timeout);
        PoolingAsyncClientConnectionManager connections = PoolingAsyncClientConnectionManagerBuilder.create()
                .setMaxConnPerRoute(maxConnections)
                .setMaxConnTotal(maxConnections)
                .setDnsResolver(NO_RESOLUTION)
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(attemptTimeout)
                        .setSocketTimeout(attemptTimeout)
                        .setTimeToLive(Timeout.ofMinutes(5))
                        .build())
                .build();
        this.client = HttpAsyncClients.custom()
                .setConnectionManager(connections)
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

    /** POSTs {@code body} as JSON; the future completes (never exceptionally) within the timeout. */
    public CompletableFuture<HttpAttempt> post(URI url, Map<String, String> headers, byte[] body) {
        long started = System.nanoTime();
        SimpleRequestBuilder builder = SimpleRequestBuilder.post(url).setBody(body, ContentType.APPLICATION_JSON);
        headers.forEach(builder::setHeader);
        SimpleHttpRequest request = builder.build();
        CompletableFuture<HttpAttempt> result = new CompletableFuture<>();
        AtomicReference<Future<HttpAttempt>> exchange = new AtomicReference<>();
        io.netty.util.Timeout deadline = deadlines.newTimeout(expired -> {
            Future<HttpAttempt> sent = exchange.get();
            if (sent != null) {
                sent.cancel(true);
            }
            result.complete(HttpAttempt.failed("timed out after " + timeout.toMillis() + " ms"
                    + (sent == null ? " resolving " + url.getHost() : ""), elapsed(started)));
        }, timeout.toMillis(), TimeUnit.MILLISECONDS);
        result.whenComplete((attempt, e) -> deadline.cancel());
        resolver.resolve(url.getHost()).whenComplete((address, e) -> {
            if (e != null) {
                result.complete(e instanceof RefusedAddressException refused
                        ? HttpAttempt.refused(refused.getMessage(), elapsed(started))
                        : HttpAttempt.failed(describe(e), elapsed(started)));
            } else if (!result.isDone()) {
                HttpHost target = new HttpHost(url.getScheme(), address, url.getHost(), url.getPort());
                exchange.set(client.execute(target, SimpleRequestProducer.create(request),
                        new BoundedResponseConsumer(started), null, null, callback(result, started)));
                if (result.isDone()) {
                    // The deadline passed while the request was being handed over.
                    exchange.get().cancel(true);
                }
            }
        });
        return result;
    }

    private FutureCallback<HttpAttempt> callback(CompletableFuture<HttpAttempt> result, long started) {
        return new FutureCallback<>() {
            @Override
            public void completed(HttpAttempt attempt) {
                result.complete(attempt);
            }

            @Override
            public void failed(Exception e) {
                result.complete(HttpAttempt.failed(describe(e), elapsed(started)));
            }

            @Override
            public void cancelled() {
                result.complete(HttpAttempt.failed("timed out after " + timeout.toMillis() + " ms", elapsed(started)));
            }
        };
    }

    @Override
    public void close() {
        // By now the engine has waited for the attempts it still cares about; the rest are abandoned anyway.
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
