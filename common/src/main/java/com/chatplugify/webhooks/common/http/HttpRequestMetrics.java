package com.chatplugify.webhooks.common.http;

import com.chatplugify.webhooks.common.metrics.MetricDescriptions;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Times every request the HTTP server answers, by method, route and status. The route is the matched endpoint's
 * path template ({@code /v1/webhooks/{id}}), never the request's path, so that the label stays bounded; a request
 * that matched no endpoint counts as {@code NOT_FOUND} (404) or {@code UNMATCHED} (static files, refusals). Refusals
 * of a matched route (401 from the bearer check, 404 for another workspace's resource, 503 back-pressure) keep the
 * route. The method is one of {@link #METHODS}, or {@code OTHER} for any other: a client may send whatever method it
 * likes, unauthenticated, and each would otherwise add a series. Exported as a histogram with
 * {@link WebhookMetrics#LATENCY_BUCKETS}, for percentiles by route.
 */
final class HttpRequestMetrics implements RequestLogger {

    /** The methods counted under their own name. */
    static final Set<String> METHODS = Set.of("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    static final String OTHER_METHOD = "OTHER";

    private final MeterRegistry registry;

    HttpRequestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void handle(Context ctx, Float executionMillis) {
        Endpoint endpoint = ctx.endpoints().matchedHttpEndpoint();
        int status = ctx.statusCode();
        String route = endpoint != null ? endpoint.path : status == 404 ? "NOT_FOUND" : "UNMATCHED";
        Timer.builder(WebhookMetrics.HTTP_REQUESTS)
                .description(MetricDescriptions.of(WebhookMetrics.HTTP_REQUESTS))
                .tag("method", methodLabel(ctx.method().name()))
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(WebhookMetrics.LATENCY_BUCKETS)
                .register(registry)
                .record((long) (executionMillis * 1_000_000), TimeUnit.NANOSECONDS);
    }

    /** The label of a request's method: the method itself when it is one of {@link #METHODS}, else {@code OTHER}. */
    static String methodLabel(String method) {
        return METHODS.contains(method) ? method : OTHER_METHOD;
    }
}
