package com.chatplugify.webhooks.common.http;

import com.chatplugify.webhooks.common.json.Json;
import io.javalin.Javalin;
import io.javalin.http.HttpStatus;
import io.javalin.json.JavalinJackson;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP server every role runs: {@code GET /metrics} (Prometheus text), {@code GET /health},
 * {@code GET /ready}, plus whatever {@link HttpRoutes} the roles of this process add; every request it answers is
 * timed by method, route and status ({@code http_server_requests_seconds}).
 */
public final class OpsServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(OpsServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** How long a request's headers may take to arrive. */
    private static final Duration HEADER_TIMEOUT = Duration.ofSeconds(10);
    /** The slowest a request body may arrive (after its first second); slower, it is refused with a 408. */
    private static final long MIN_REQUEST_BYTES_PER_SECOND = 1024;

    private final Javalin app;
    private final String host;
    private final int requestedPort;

    public OpsServer(String host, int port, PrometheusMeterRegistry registry, HealthChecks health,
                     List<HttpRoutes> routes) {
        this.host = host;
        this.requestedPort = port;
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.startup.startupWatcherEnabled = false;
            config.jsonMapper(new JavalinJackson(Json.mapper(), false));
            config.requestLogger.http(new HttpRequestMetrics(registry));
            // Slow-loris: headers must arrive within a deadline and bodies at a minimum rate, or the connection goes.
            config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(MIN_REQUEST_BYTES_PER_SECOND));
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new JsonBadMessageHandler());
                server.addBean(new SlowRequestGuard(server, HEADER_TIMEOUT));
            });
            routes.forEach(r -> r.configure(config));
            config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(registry.scrape()));
            config.routes.get("/health", ctx -> {
                HealthChecks.Report report = health.health();
                ctx.status(report.ok() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body(report));
            });
            config.routes.get("/ready", ctx -> {
                HealthChecks.Report report = health.readiness();
                ctx.status(report.ok() ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE).json(body(report));
            });
            routes.forEach(r -> r.register(config.routes));
        });
    }

    public OpsServer start() {
        app.start(host, requestedPort);
        log.info("HTTP server listening on http://{}:{}", host, port());
        return this;
    }

    /** The port actually bound (differs from the configured one when that is 0). */
    public int port() {
        return app.port();
    }

    public String baseUrl() {
        return "http://" + host + ":" + port();
    }

    @Override
    public void close() {
        app.stop();
    }

    private static Map<String, Object> body(HealthChecks.Report report) {
        return Map.of("status", report.ok() ? "UP" : "DOWN", "checks", report.checks());
    }
}
