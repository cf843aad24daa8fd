package com.chatplugify.webhooks.common.http;

import com.chatplugify.webhooks.common.metrics.MetricDescriptions;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.javalin.http.Context;
import io.javalin.http.RequestLogger;
import io.javalin.router.Endpoint;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.concurrent.TimeUnit;

/**
 * Times every request the HTTP server answers, by method, route and status. The route is the matched endpoint's
 * path template ({@code /v1/webhooks/{id}}), never the request's path, so that the label stays bounded; a request
 * that matched no endpoint counts as {@code NOT_FOUND} (404) or {@code UNMATCHED} (static files, refusals). Refusals
 * of a matched route (401 from the bearer check, 404 for another workspace's resource, 503 back-pressure) keep the
 * route. Exported as a histogram with {@link WebhookMetrics#LATENCY_BUCKETS}, for percentiles by route.
 */
final class HttpRequestMetrics implements RequestLogger {

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
                .tag("method", ctx.method().name())
                .tag("route", route)
                .tag("status", Integer.toString(status))
                .serviceLevelObjectives(WebhookMetrics.LATENCY_BUCKETS)
                .register(registry)
                .record((long) (executionMillis * 1_000_000), TimeUnit.NANOSECONDS);
    }
}
