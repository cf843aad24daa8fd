package com.chatplugify.webhooks.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.metrics.MetricDescriptions;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Checks docker-compose.yml, the Prometheus configuration and alert rules and the Grafana dashboard against each
 * other and against the code. (CI also runs {@code promtool check rules|config} and {@code docker-compose config}.)
 */
class ComposeAndMonitoringTest {

    private static final Map<String, String> ROLE_SERVICES = Map.of(
            "ingest", "ingest", "router", "router", "deliverer-1", "deliverer", "deliverer-2", "deliverer");
    private static final Pattern SUFFIX = Pattern.compile("(_seconds)?(_total|_bucket|_count|_sum|_max)?$");

    private final JsonNode compose = DeployFiles.yaml("docker-compose.yml");

    @Test
    void shouldRunKafkaEveryRolePrometheusAndGrafana() {
        Set<String> services = new HashSet<>();
        compose.path("services").fieldNames().forEachRemaining(services::add);
        assertThat(services).containsExactlyInAnyOrder("kafka", "ingest", "router", "deliverer-1", "deliverer-2",
                "prometheus", "grafana");
        assertThat(compose.at("/services/kafka/image").asText()).startsWith("apache/kafka:");
        ROLE_SERVICES.forEach((service, role) ->
                assertThat(compose.at("/services/" + service + "/command/0").asText()).as(service).isEqualTo(role));
    }

    @Test
    void shouldConfigureEveryComposeRoleWithKeysTheApplicationAccepts() {
        for (String service : ROLE_SERVICES.keySet()) {
            Map<String, String> environment = new HashMap<>();
            compose.at("/services/" + service + "/environment").fields()
                    .forEachRemaining(e -> environment.put(e.getKey(), e.getValue().asText().startsWith("${")
                            ? KubernetesManifestsTest.fromASecret(e.getKey()) : e.getValue().asText()));
            assertThat(environment).as(service).containsEntry("WEBHOOKS_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            // Throws, naming the key, on an unknown variable or a bad value.
            new ConfigSources(ConfigDefinitions.all()).load(null, environment, Map.of());
        }
        assertThat(compose.at("/services/ingest/environment/WEBHOOKS_API_TOKEN").asText()).contains("WEBHOOKS_API_TOKEN");
        for (String service : List.of("ingest", "deliverer-1", "deliverer-2")) {
            assertThat(compose.at("/services/" + service + "/environment/WEBHOOKS_SECRETS_KEY").asText())
                    .contains("WEBHOOKS_SECRETS_KEY");
        }
        assertThat(compose.at("/services/router/environment/WEBHOOKS_SECRETS_KEY").isMissingNode()).isTrue();
    }

    @Test
    void shouldScrapeEveryComposeRoleWithItsRoleLabel() {
        JsonNode job = null;
        for (JsonNode candidate : DeployFiles.yaml("prometheus/prometheus.yml").path("scrape_configs")) {
            if (candidate.path("job_name").asText().equals("webhooks")) {
                job = candidate;
            }
        }
        assertThat(job).as("scrape job 'webhooks'").isNotNull();
        Map<String, String> roleOfTarget = new HashMap<>();
        for (JsonNode group : job.path("static_configs")) {
            group.path("targets").forEach(t -> roleOfTarget.put(t.asText(), group.at("/labels/role").asText()));
        }
        Map<String, String> expected = new HashMap<>();
        ROLE_SERVICES.forEach((service, role) -> expected.put(service + ":8080", role));
        assertThat(roleOfTarget).isEqualTo(expected);
        assertThat(DeployFiles.yaml("prometheus/prometheus.yml").path("rule_files").get(0).asText()).isEqualTo("alerts.yml");
    }

    @Test
    void shouldGiveEveryAlertASummaryARunbookEntryASeverityAndAUnitTestThatFiresIt() throws IOException {
        List<JsonNode> rules = new ArrayList<>();
        DeployFiles.yaml("prometheus/alerts.yml").path("groups").forEach(g -> g.path("rules").forEach(rules::add));
        Set<String> fired = new HashSet<>();
        for (JsonNode test : DeployFiles.yaml("prometheus/alerts-test.yml").path("tests")) {
            test.path("alert_rule_test").forEach(check -> {
                if (!check.path("exp_alerts").isEmpty()) {
                    fired.add(check.path("alertname").asText());
                }
            });
        }
        String runbook = Files.readString(DeployFiles.root().resolveSibling("docs").resolve("runbook.md"));

        assertThat(rules).extracting(r -> r.path("alert").asText()).contains("WebhooksRoleDown",
                "WebhooksRouterNotRunning", "WebhooksDeadLettersGrowing", "WebhooksDeliverySuccessRatioLow",
                "WebhooksEndToEndLatencyHigh", "WebhooksConsumerLagRising", "WebhooksInvalidEvents",
                "WebhooksCircuitBreakersOpenLong", "WebhooksRetryBacklogGrowing", "WebhooksApiBackPressure",
                "WebhooksNotReady", "WebhooksOutcomeWritesFailing");
        assertThat(rules).allSatisfy(rule -> {
            String alert = rule.path("alert").asText();
            assertThat(rule.at("/annotations/summary").asText()).as("summary of %s", alert).isNotBlank();
            assertThat(rule.at("/annotations/runbook").asText()).as("runbook of %s", alert).isNotBlank();
            assertThat(rule.at("/labels/severity").asText()).as("severity of %s", alert).isIn("critical", "warning", "info");
            assertThat(fired).as("a promtool test in which %s fires", alert).contains(alert);
            assertThat(runbook).as("section of %s in docs/runbook.md", alert).contains("\n## " + alert + "\n");
        });
    }

    @Test
    void shouldNotCountParkedDeliveriesOfDisabledWebhooksAsDeadLettersGrowing() {
        JsonNode rule = alert("WebhooksDeadLettersGrowing");

        assertThat(rule.path("expr").asText()).contains("reason!=\"webhook_disabled\"");
        assertThat(alert("WebhooksDisabledWebhooksStillReceiveEvents").path("expr").asText())
                .contains("reason=\"webhook_disabled\"");
    }

    @Test
    void shouldLetTheDashboardPickNamespaceJobRoleAndInstanceInEveryQuery() {
        JsonNode dashboard = DeployFiles.json("grafana/dashboards/chatplugify-webhooks.json");
        List<String> variables = new ArrayList<>();
        dashboard.at("/templating/list").forEach(v -> variables.add(v.path("name").asText()));
        List<String> exprs = dashboard.findValuesAsText("expr");
        Set<String> titles = new HashSet<>(dashboard.findValuesAsText("title"));

        assertThat(variables).containsExactly("datasource", "namespace", "job", "role", "instance");
        assertThat(exprs).isNotEmpty().allSatisfy(expr -> assertThat(expr)
                .contains("job=~\"$job\"", "role=~\"$role\"", "instance=~\"$instance\"", "namespace=~\"$namespace\"")
                .doesNotContain("job=\""));
        assertThat(titles).contains("Deferred deliveries by reason", "Dropped deliveries by reason",
                "Unrecorded attempts by reason", "Invalid subscriptions by reason", "API requests by route and status");
    }

    private static JsonNode alert(String name) {
        for (JsonNode group : DeployFiles.yaml("prometheus/alerts.yml").path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (rule.path("alert").asText().equals(name)) {
                    return rule;
                }
            }
        }
        throw new AssertionError("no alert " + name);
    }

    @Test
    void shouldQueryOnlyCataloguedWebhookMetrics() {
        Set<String> queried = new HashSet<>();
        DeployFiles.queries().forEach(q -> queried.addAll(PromQlNames.of(q)));
        assertThat(queried).isNotEmpty();
        assertThat(queried.stream().filter(name -> name.startsWith("webhook_")))
                .allSatisfy(name -> assertThat(MetricDescriptions.of(SUFFIX.matcher(name).replaceFirst("").replace('_', '.')))
                        .as("%s is a metric of WebhookMetrics", name).isNotNull());
    }

    @Test
    void shouldWriteEveryQueryInValidPromQl() throws Exception {
        // promtool parses the PromQL of rule files: each query becomes a recording rule for the check.
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard-queries\n    rules:\n");
        List<String> queries = DeployFiles.queries();
        for (int i = 0; i < queries.size(); i++) {
            String expr = queries.get(i).replace("$__rate_interval", "1m").replace("\\", "\\\\").replace("\"", "\\\"");
            rules.append("      - record: dashboard:query_").append(i).append("\n        expr: \"")
                    .append(expr.replace("\n", " ")).append("\"\n");
        }

        Promtool.Result check = Promtool.run(rules.toString(), "check", "rules", "/dev/stdin");

        assertThat(check.exitCode()).as(check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: " + queries.size() + " rules found");
    }

    @Test
    void shouldProvisionTheDashboardFromTheFolderComposeMounts() {
        JsonNode dashboard = DeployFiles.json("grafana/dashboards/chatplugify-webhooks.json");
        Set<Integer> ids = new HashSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("unique panel id %s", panel.path("id")).isTrue();
            if (!panel.path("type").asText().equals("row")) {
                assertThat(panel.path("targets").findValuesAsText("expr")).as(panel.path("title").asText()).isNotEmpty();
                assertThat(panel.at("/datasource/uid").asText()).isEqualTo("${datasource}");
            }
        }
        String dashboardsPath = DeployFiles.yaml("grafana/provisioning/dashboards/chatplugify-webhooks.yaml")
                .at("/providers/0/options/path").asText();
        List<String> grafanaVolumes = new ArrayList<>();
        compose.at("/services/grafana/volumes").forEach(v -> grafanaVolumes.add(v.asText()));
        assertThat(grafanaVolumes).contains("./grafana/dashboards:" + dashboardsPath + ":ro",
                "./grafana/provisioning:/etc/grafana/provisioning:ro");
        assertThat(DeployFiles.yaml("grafana/provisioning/datasources/prometheus.yaml").at("/datasources/0/url").asText())
                .isEqualTo("http://prometheus:9090");
    }
}
