package com.chatplugify.webhooks.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.testing.TestSystem;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.deliverer.retry.DeferralReason;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A running system exports every metric that deploy/grafana and deploy/prometheus/alerts.yml query, and its
 * {@code /metrics} passes {@code promtool check metrics} for our own metrics.
 */
class ExportedMetricsIT {

    /** Series Prometheus makes itself when it scrapes. */
    private static final Set<String> MADE_BY_PROMETHEUS = Set.of("up");
    private static final Pattern DEAD_LETTERED_GONE =
            Pattern.compile("^webhook_dead_lettered_total\\{reason=\"endpoint_gone\"} [1-9]", Pattern.MULTILINE);

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static RecordingReceiver receiver;

    @BeforeAll
    static void deliverOneEventFailAnotherAndDeadLetterAThird() throws Exception {
        // Meters with tags are created on first use: drive a success, a failure (retry), a 410 Gone (dead letter,
        // at once) and an invalid event.
        receiver = new RecordingReceiver().answer(request -> RecordingReceiver.Reply.status(
                request.path().endsWith("/fail") ? 500 : request.path().endsWith("/gone") ? 410 : 200));
        ApiClient api = TestSystem.api();
        String workspace = "ws_" + UUID.randomUUID();
        List<String> webhooks = List.of(createWebhook(api, workspace, "/ok"), createWebhook(api, workspace, "/fail"),
                createWebhook(api, workspace, "/gone"));
        await().atMost(Duration.ofSeconds(30))
                .until(() -> TestSystem.router().webhooksOf(workspace).containsAll(webhooks));

        assertThat(api.post("/v1/events", """
                {"event":"task.created","workspaceId":"%s","data":{"id":"task_1"}}""".formatted(workspace)).status())
                .isEqualTo(202);
        assertThat(api.post("/v1/events", """
                {"event":"no.such.event","workspaceId":"%s","data":{}}""".formatted(workspace)).status())
                .isEqualTo(400);
        await().atMost(Duration.ofSeconds(30)).until(() -> DEAD_LETTERED_GONE.matcher(scrape()).find()
                && scrape().contains("webhook_delivery_attempts_total{outcome=\"failed\",status_class=\"5xx\"}"));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    @Test
    void shouldExportEveryMetricTheDashboardAndTheAlertRulesQuery() throws Exception {
        Set<String> queried = new TreeSet<>();
        DeployFiles.queries().forEach(query -> queried.addAll(PromQlNames.of(query)));
        queried.removeAll(MADE_BY_PROMETHEUS);

        assertThat(queried).contains("webhook_delivery_attempts_total", "webhook_delivery_end_to_end_seconds_bucket",
                "kafka_consumer_fetch_manager_records_lag", "webhook_endpoint_recent_failures");
        // Per-partition client metrics and the top failing webhooks are refreshed every few seconds.
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(exportedNames(scrape())).containsAll(queried));
    }

    @Test
    void shouldExportTheCountersOfEveryKnownLabelValueBeforeTheirFirstCount() throws Exception {
        String exposition = scrape();
        Map<String, List<String>> known = new LinkedHashMap<>();
        known.put("webhook_events_invalid_total{reason=", Violation.REASONS);
        known.put("webhook_subscriptions_invalid_total{reason=", Violation.REASONS);
        known.put("webhook_events_ingested_total{event=", List.copyOf(EventTypes.DOMAIN));
        known.put("webhook_deliveries_routed_total{event=", List.copyOf(EventTypes.DOMAIN));
        known.put("webhook_dead_lettered_total{reason=", Arrays.stream(DeadLetterReason.values()).map(DeadLetterReason::code).toList());
        known.put("webhook_deliveries_deferred_total{reason=", Arrays.stream(DeferralReason.values()).map(DeferralReason::code).toList());
        known.put("webhook_deliveries_dropped_total{reason=", List.of("webhook_deleted", "webhook_moved"));
        known.put("webhook_delivery_attempts_unrecorded_total{reason=", List.of("queue_full", "send_failed", "stopped"));
        known.put("webhook_retries_scheduled_total{tier=", List.of("1", "2", "3"));
        known.put("webhook_outcome_write_failures_total{topic=", List.of(Topics.retryTier(1), Topics.retryTier(2),
                Topics.retryTier(3), Topics.DLQ, Topics.SUBSCRIPTION_COMMANDS));

        known.forEach((series, values) -> values.forEach(value ->
                assertThat(exposition).as(series + value).contains(series + "\"" + value + "\"}")));
        // Nothing in this system was ever dropped for a moved webhook nor left out of the history when stopping.
        assertThat(exposition).contains("webhook_deliveries_dropped_total{reason=\"webhook_moved\"} 0.0",
                "webhook_delivery_attempts_unrecorded_total{reason=\"stopped\"} 0.0",
                "webhook_delivery_attempts_total{outcome=\"refused\",status_class=\"none\"} 0.0");
    }

    @Test
    void shouldExportEveryCheckOfReadyAsAGaugeOfItsLastResult() throws Exception {
        HttpResponse<String> ready = HTTP.send(
                HttpRequest.newBuilder(URI.create(TestSystem.shared().baseUrl() + "/ready")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        Set<String> checks = new TreeSet<>();
        Json.mapper().readTree(ready.body()).path("checks").fieldNames().forEachRemaining(checks::add);

        assertThat(checks).contains("kafka", "topics", "router", "deliverer");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            String exposition = scrape();
            checks.forEach(check -> assertThat(exposition).contains("webhook_ready{check=\"" + check + "\"} 1.0"));
            assertThat(exposition.lines().filter(line -> line.startsWith("webhook_ready{"))).hasSize(checks.size());
        });
    }

    @Test
    void shouldCountTheApiRequestsByRouteTemplateAndStatus() throws Exception {
        assertThat(TestSystem.api().get("/v1/webhooks/webhook_no_such_one").status()).isEqualTo(404);

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(scrape()).contains(
                "http_server_requests_seconds_count{method=\"GET\",route=\"/v1/webhooks/{id}\",status=\"404\"}")
                .doesNotContain("webhook_no_such_one"));
    }

    @Test
    void shouldPassPromtoolsLintForOurOwnMetrics() throws Exception {
        Promtool.Result check = Promtool.run(scrape(), "check", "metrics");

        // 1 = the exposition does not parse; 3 = lint findings, which Kafka's own metric names always have.
        assertThat(check.exitCode()).as(check.output()).isIn(0, 3);
        assertThat(check.output().lines().filter(line -> line.startsWith("webhook_"))).as(check.output()).isEmpty();
    }

    private static String createWebhook(ApiClient api, String workspace, String path) {
        ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of(
                "workspaceId", workspace, "url", receiver.url(path), "events", List.of("task.*"))));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        return created.json().get("id").textValue();
    }

    private static String scrape() throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(URI.create(TestSystem.shared().baseUrl() + "/metrics")).build(),
                HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static Set<String> exportedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        exposition.lines().filter(line -> !line.isBlank() && !line.startsWith("#"))
                .forEach(line -> names.add(line.split("[{ ]", 2)[0]));
        return names;
    }
}
