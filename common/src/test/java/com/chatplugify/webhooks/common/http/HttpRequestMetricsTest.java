package com.chatplugify.webhooks.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The HTTP server's request metrics against a real server on 127.0.0.1: every answer of a route, refusals included
 * (401 before the handler, 404 and 503 from it), is counted under the route's template and its status, with latency
 * buckets.
 */
class HttpRequestMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final HttpClient http = HttpClient.newHttpClient();
    private OpsServer server;

    @BeforeEach
    void start() {
        HttpRoutes things = (JavalinDefaultRoutingApi app) -> {
            app.beforeMatched("/v1/*", ctx -> {
                if (!"Bearer good".equals(ctx.header("Authorization"))) {
                    throw new UnauthorizedResponse();
                }
            });
            app.get("/v1/things/{id}", ctx -> {
                switch (ctx.pathParam("id")) {
                    case "busy" -> ctx.status(HttpStatus.SERVICE_UNAVAILABLE);
                    case "known" -> ctx.result("ok");
                    default -> ctx.status(HttpStatus.NOT_FOUND);
                }
            });
        };
        server = new OpsServer("127.0.0.1", 0, registry, new HealthChecks(), List.of(things)).start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldCountEveryAnswerOfARouteUnderItsTemplateAndStatus() throws Exception {
        assertThat(get("/v1/things/known", "good")).isEqualTo(200);
        assertThat(get("/v1/things/busy", "good")).isEqualTo(503);
        assertThat(get("/v1/things/busy", "good")).isEqualTo(503);
        assertThat(get("/v1/things/other", "good")).isEqualTo(404);
        assertThat(get("/v1/things/known", "bad")).isEqualTo(401);
        assertThat(get("/v1/nothing-here", "good")).isEqualTo(404);

        String route = "method=\"GET\",route=\"/v1/things/{id}\",status=";
        // The server records a request once it has answered it: the last count may follow the answer by a moment.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.scrape()).contains(
                "http_server_requests_seconds_count{" + route + "\"200\"} 1\n",
                "http_server_requests_seconds_count{" + route + "\"503\"} 2\n",
                "http_server_requests_seconds_count{" + route + "\"404\"} 1\n",
                "http_server_requests_seconds_count{" + route + "\"401\"} 1\n",
                "http_server_requests_seconds_count{method=\"GET\",route=\"NOT_FOUND\",status=\"404\"} 1\n",
                "http_server_requests_seconds_bucket{" + route + "\"503\",le=\"0.005\"}",
                "http_server_requests_seconds_bucket{" + route + "\"503\",le=\"30.0\"} 2\n")
                .doesNotContain("busy", "nothing-here"));
    }

    @Test
    void shouldCountMethodsOutsideTheStandardOnesAsOther() throws Exception {
        assertThat(send("PROPFIND", "/v1/things/known")).isEqualTo(404);
        assertThat(send("M12345", "/v1/things/known")).isEqualTo(404);
        assertThat(send("FOO1", "/v1/things/known")).isEqualTo(404);
        assertThat(get("/v1/things/known", "good")).isEqualTo(200);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(registry.scrape()).contains(
                "http_server_requests_seconds_count{method=\"OTHER\",route=\"NOT_FOUND\",status=\"404\"} 3\n",
                "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/things/{id}\",status=\"200\"} 1\n")
                .doesNotContain("PROPFIND", "M12345", "FOO1"));
    }

    private int send(String method, String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    private int get(String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create(server.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }
}
