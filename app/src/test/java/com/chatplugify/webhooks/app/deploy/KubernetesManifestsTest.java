package com.chatplugify.webhooks.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.TopicCatalogue;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * deploy/k8s as it is applied: each overlay rendered by kustomize, every resource valid against the schema of its
 * kind (Kubernetes, Strimzi, KEDA, Prometheus Operator; {@link ManifestSchemas}), and against the code: the roles
 * accept their configuration, the topics are the catalogue's, the deliverers scale on their own group's lag, the
 * bootstrap address is named once, no apply overwrites the API token.
 */
class KubernetesManifestsTest {

    private static final List<String> OVERLAYS = Kustomize.OVERLAYS;
    private static final Set<String> ROLES = Set.of("ingest", "router", "deliverer");
    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");
    private static final String CONFIG_FILE = "/etc/webhooks/webhooks.properties";
    private static final String BOOTSTRAP_VARIABLE = ConfigSources.envName(CommonConfig.KAFKA_BOOTSTRAP_SERVERS);
    private static final ManifestSchemas SCHEMAS = new ManifestSchemas();

    @TempDir
    Path temp;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldMatchTheSchemaOfEveryKind(String overlay) {
        List<JsonNode> resources = Kustomize.render(overlay);

        assertThat(resources).extracting(r -> r.path("kind").asText()).contains("Deployment", "StatefulSet",
                "NetworkPolicy", "KafkaTopic", "ScaledObject", "PrometheusRule", "PodMonitor", "ConfigMap");
        assertThat(resources).allSatisfy(resource -> assertThat(SCHEMAS.violations(resource))
                .as("%s %s", resource.path("kind").asText(), resource.at("/metadata/name").asText()).isEmpty());
    }

    @Test
    void shouldRefuseAFieldTheSchemaDoesNotKnow() {
        ObjectNode deployment = workload("dev", "deliverer").deepCopy();
        ((ObjectNode) deployment.at("/spec/template/spec/containers/0")).put("imagePullPolicyy", "Always");
        ObjectNode topic = ofKind("dev", "KafkaTopic").get(0).deepCopy();
        ((ObjectNode) topic.path("spec")).put("partition", 3);

        assertThat(SCHEMAS.violations(deployment)).singleElement().asString().contains("imagePullPolicyy");
        assertThat(SCHEMAS.violations(topic)).singleElement().asString().contains("partition");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldStartEveryRoleWithAConfigurationTheApplicationAccepts(String overlay) throws IOException {
        assertThat(workloads(overlay)).extracting(KubernetesManifestsTest::role).containsExactlyInAnyOrderElementsOf(ROLES);
        for (JsonNode workload : workloads(overlay)) {
            JsonNode container = container(workload);
            assertThat(container.path("args").get(1).asText() + " " + container.path("args").get(2).asText())
                    .isEqualTo("--config " + CONFIG_FILE);
            assertThat(mountPaths(workload)).containsEntry("config", "/etc/webhooks");
            WebhooksConfig config = config(overlay, environment(overlay, container));
            assertThat(config.getString(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)).isNotBlank();
            if (role(workload).equals("ingest")) {
                assertThat(config.getSecret(CommonConfig.API_TOKEN)).as("ingest requires api.token").isNotBlank();
            }
            assertThat(config.getSecret(CommonConfig.SECRETS_KEY)).as("secrets.key of " + role(workload))
                    .matches(key -> role(workload).equals("router") == (key == null));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldKeepServiceLinkVariablesOutOfThePodsSinceTheRolesRefuseUnknownWebhooksVariables(String overlay)
            throws IOException {
        for (JsonNode workload : workloads(overlay)) {
            assertThat(workload.at("/spec/template/spec/enableServiceLinks").asBoolean(true)).as(role(workload)).isFalse();
        }
        Map<String, String> serviceLink = Map.of("WEBHOOKS_INGEST_PORT", "tcp://10.96.0.10:80");
        assertThatThrownBy(() -> config(overlay, serviceLink)).hasMessageContaining("WEBHOOKS_INGEST_PORT");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldProbeHealthAndReadinessOnTheHttpPort(String overlay) {
        for (JsonNode workload : workloads(overlay)) {
            JsonNode container = container(workload);
            assertThat(container.path("ports").findValuesAsText("name")).contains("http");
            assertThat(container.path("ports").findValuesAsText("containerPort")).contains("8080");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
            assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
            assertThat(container.at("/resources/requests/memory").asText()).as("memory request").isNotBlank();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldRunAsNonRootWithoutAnApiTokenAndWriteOnlyToItsVolumes(String overlay) {
        for (JsonNode workload : workloads(overlay)) {
            JsonNode pod = workload.at("/spec/template/spec");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            assertThat(named(overlay, "ServiceAccount", pod.path("serviceAccountName").asText())).isNotNull();
            assertThat(container(workload).at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            assertThat(container(workload).at("/securityContext/capabilities/drop/0").asText()).isEqualTo("ALL");
            // data.dir (the image's WEBHOOKS_DATA_DIR) and java.io.tmpdir, where RocksDB unpacks its native library.
            assertThat(mountPaths(workload)).containsEntry("data", "/var/lib/webhooks").containsEntry("tmp", "/tmp");
        }
        JsonNode router = workload(overlay, "router");
        assertThat(router.path("kind").asText()).isEqualTo("StatefulSet");
        assertThat(router.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("data");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldSelectThePodsOfTheWorkloadsWithAServiceABudgetAndANetworkPolicyPerRole(String overlay) {
        List<Map<String, String>> podLabels = workloads(overlay).stream()
                .map(w -> labels(w.at("/spec/template/metadata/labels"))).toList();
        for (JsonNode workload : workloads(overlay)) {
            Map<String, String> labels = labels(workload.at("/spec/template/metadata/labels"));
            assertThat(labels).containsEntry("app.kubernetes.io/part-of", "chatplugify-webhooks")
                    .containsEntry("app.kubernetes.io/component", role(workload));
            assertThat(labels).containsAllEntriesOf(labels(workload.at("/spec/selector/matchLabels")));
        }
        for (JsonNode resource : ofKind(overlay, "Service", "PodDisruptionBudget", "NetworkPolicy")) {
            Map<String, String> selector = labels(resource.at("/spec/selector/matchLabels").isMissingNode()
                    ? resource.at("/spec/selector") : resource.at("/spec/selector/matchLabels"));
            if (resource.path("kind").asText().equals("NetworkPolicy")) {
                selector = labels(resource.at("/spec/podSelector/matchLabels"));
            }
            Map<String, String> wanted = selector;
            assertThat(podLabels).as("pods selected by %s", resource.at("/metadata/name"))
                    .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(wanted));
        }
        for (String kind : List.of("Service", "PodDisruptionBudget", "NetworkPolicy")) {
            assertThat(ofKind(overlay, kind)).extracting(r -> r.at("/metadata/name").asText()).as(kind)
                    .contains("webhooks-ingest", "webhooks-router", "webhooks-deliverer");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldSpreadEveryRoleOverNodesAndZones(String overlay) {
        for (JsonNode workload : workloads(overlay)) {
            Map<String, JsonNode> byKey = new HashMap<>();
            workload.at("/spec/template/spec/topologySpreadConstraints").forEach(c -> byKey.put(c.path("topologyKey").asText(), c));
            assertThat(byKey).containsOnlyKeys("kubernetes.io/hostname", "topology.kubernetes.io/zone");
            byKey.values().forEach(constraint -> assertThat(labels(workload.at("/spec/template/metadata/labels")))
                    .containsAllEntriesOf(labels(constraint.at("/labelSelector/matchLabels"))));
            assertThat(byKey.get("kubernetes.io/hostname").path("whenUnsatisfiable").asText())
                    .isEqualTo(overlay.equals("production") ? "DoNotSchedule" : "ScheduleAnyway");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldScaleDeliverersOnTheirGroupsLagUpToThePartitionCount(String overlay) throws IOException {
        JsonNode scaler = ofKind(overlay, "ScaledObject").get(0);
        JsonNode deliverer = workload(overlay, "deliverer");
        WebhooksConfig config = config(overlay, environment(overlay, container(deliverer)));
        JsonNode trigger = scaler.at("/spec/triggers/0");

        assertThat(ofKind(overlay, "HorizontalPodAutoscaler")).isEmpty();
        assertThat(scaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deliverer.at("/metadata/name").asText());
        assertThat(scaler.at("/spec/maxReplicaCount").asInt()).isBetween(scaler.at("/spec/minReplicaCount").asInt(),
                config.getInt(CommonConfig.TOPICS_PARTITIONS));
        assertThat(trigger.path("type").asText()).isEqualTo("kafka");
        assertThat(trigger.at("/metadata/consumerGroup").asText()).isEqualTo(config.getString(DelivererConfig.GROUP_ID));
        assertThat(trigger.at("/metadata/topic").asText()).isEqualTo(Topics.DELIVERIES);
        assertThat(trigger.at("/metadata/bootstrapServersFromEnv").asText()).isEqualTo(BOOTSTRAP_VARIABLE);
        assertThat(container(deliverer).path("env").findValuesAsText("name")).contains(BOOTSTRAP_VARIABLE);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldDeclareTheTopicsOfTheCatalogueWithItsSettings(String overlay) throws IOException {
        WebhooksConfig config = config(overlay, Map.of());
        Map<String, JsonNode> declared = ofKind(overlay, "KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.at("/spec/topicName").asText(), t -> t));
        List<NewTopic> catalogue = TopicCatalogue.topics(config);

        assertThat(ofKind(overlay, "KafkaTopic")).allSatisfy(t -> assertThat(t.path("apiVersion").asText())
                .isEqualTo("kafka.strimzi.io/v1"));
        assertThat(declared.keySet()).containsExactlyInAnyOrderElementsOf(catalogue.stream().map(NewTopic::name).toList());
        for (NewTopic topic : catalogue) {
            JsonNode resource = declared.get(topic.name());
            assertThat(resource.at("/spec/partitions").asInt()).as("partitions of %s", topic.name())
                    .isEqualTo(topic.numPartitions());
            assertThat(resource.at("/spec/replicas").asInt()).as("replicas of %s", topic.name())
                    .isEqualTo((int) config.getShort(CommonConfig.TOPICS_REPLICATION_FACTOR));
            assertThat(labels(resource.at("/spec/config"))).as("config of %s", topic.name())
                    .containsAllEntriesOf(topic.configs());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldNameTheBootstrapAddressOnce(String overlay) {
        String bootstrap = named(overlay, "ConfigMap", "webhooks-kafka").at("/data/bootstrap.servers").asText();
        String rendered = Kustomize.render(overlay).toString();

        assertThat(bootstrap).isNotBlank();
        assertThat(rendered.split(java.util.regex.Pattern.quote(bootstrap), -1)).as("occurrences + 1").hasSize(2);
        for (JsonNode workload : workloads(overlay)) {
            JsonNode variable = env(container(workload)).get(BOOTSTRAP_VARIABLE);
            assertThat(variable.at("/valueFrom/configMapKeyRef/name").asText()).isEqualTo("webhooks-kafka");
            assertThat(variable.at("/valueFrom/configMapKeyRef/key").asText()).isEqualTo("bootstrap.servers");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldNeverApplyASecretSoThatTheApiTokenAndTheSecretsKeyAreNotOverwritten(String overlay) {
        JsonNode token = env(container(workload(overlay, "ingest"))).get(ConfigSources.envName(CommonConfig.API_TOKEN));

        assertThat(ofKind(overlay, "Secret")).isEmpty();
        assertThat(token.at("/valueFrom/secretKeyRef/name").asText()).isEqualTo("webhooks-api-token");
        assertThat(token.at("/valueFrom/secretKeyRef/optional").asBoolean(false)).isFalse();
        for (String role : List.of("ingest", "deliverer")) {
            JsonNode key = env(container(workload(overlay, role))).get(ConfigSources.envName(CommonConfig.SECRETS_KEY));
            assertThat(key.at("/valueFrom/secretKeyRef/name").asText()).as(role).isEqualTo("webhooks-secrets-key");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldShipTheAlertRulesAndTheDashboard(String overlay) throws IOException {
        JsonNode rule = ofKind(overlay, "PrometheusRule").get(0);
        JsonNode dashboard = ofKind(overlay, "ConfigMap").stream()
                .filter(c -> c.at("/metadata/name").asText().startsWith("webhooks-grafana-dashboard")).findFirst().orElseThrow();

        assertThat(rule.at("/spec/groups")).isEqualTo(DeployFiles.yaml("prometheus/alerts.yml").path("groups"));
        assertThat(dashboard.at("/metadata/labels/grafana_dashboard").asText()).isEqualTo("1");
        assertThat(dashboard.at("/data/chatplugify-webhooks.json").asText())
                .isEqualTo(Files.readString(DeployFiles.file("grafana/dashboards/chatplugify-webhooks.json")));
        assertThat(ofKind(overlay, "PodMonitor")).singleElement().satisfies(monitor -> assertThat(
                monitor.at("/spec/podMetricsEndpoints/0/port").asText()).isEqualTo("http"));
    }

    @Test
    void shouldListEveryManifestOfTheBaseInItsKustomization() throws IOException {
        List<String> listed = new ArrayList<>();
        DeployFiles.yaml("k8s/base/kustomization.yaml").path("resources").forEach(r -> listed.add(r.asText()));
        try (var files = Files.list(DeployFiles.file("k8s/base"))) {
            assertThat(listed).containsAll(files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).toList());
        }
    }

    static WebhooksConfig config(String overlay, Map<String, String> environment, Path temp) throws IOException {
        Path file = temp.resolve(overlay + "-webhooks.properties");
        Files.writeString(file, named(overlay, "ConfigMap", "webhooks-config").at("/data/webhooks.properties").asText());
        return ConfigDefinitions.sources().load(file, environment, Map.of());
    }

    private WebhooksConfig config(String overlay, Map<String, String> environment) throws IOException {
        return config(overlay, environment, temp);
    }

    /**
     * The container's WEBHOOKS_* variables as the role would see them: values, and ConfigMap keys looked up; a value
     * from a Secret, which no overlay carries, stands in as a well-formed placeholder.
     */
    static Map<String, String> environment(String overlay, JsonNode container) {
        Map<String, String> environment = new HashMap<>();
        env(container).forEach((name, variable) -> {
            assertThat(name).as("environment variable").matches("WEBHOOKS_[A-Z0-9_]+|JAVA_TOOL_OPTIONS");
            if (!name.startsWith(ConfigSources.ENV_PREFIX)) {
                return;
            }
            JsonNode configMapKey = variable.at("/valueFrom/configMapKeyRef");
            if (variable.has("value")) {
                environment.put(name, variable.path("value").asText());
            } else if (!configMapKey.isMissingNode()) {
                JsonNode value = named(overlay, "ConfigMap", configMapKey.path("name").asText())
                        .path("data").path(configMapKey.path("key").asText());
                assertThat(value.isTextual()).as("%s from %s", name, configMapKey).isTrue();
                environment.put(name, value.asText());
            } else {
                assertThat(variable.at("/valueFrom/secretKeyRef/name").asText()).as(name).isNotBlank();
                environment.put(name, fromASecret(name));
            }
        });
        return environment;
    }

    static String fromASecret(String variable) {
        return variable.equals(ConfigSources.envName(CommonConfig.SECRETS_KEY))
                ? SecretKeys.generate("k1", new SecureRandom()) : "from-a-secret";
    }

    static Map<String, JsonNode> env(JsonNode container) {
        Map<String, JsonNode> variables = new TreeMap<>();
        container.path("env").forEach(v -> assertThat(variables.put(v.path("name").asText(), v))
                .as("%s set twice", v.path("name").asText()).isNull());
        return variables;
    }

    static String role(JsonNode workload) {
        String role = container(workload).path("args").get(0).asText();
        assertThat(ROLES).contains(role);
        return role;
    }

    static JsonNode container(JsonNode workload) {
        JsonNode containers = workload.at("/spec/template/spec/containers");
        assertThat(containers.size()).as("containers of %s", workload.at("/metadata/name")).isEqualTo(1);
        return containers.get(0);
    }

    private static Map<String, String> mountPaths(JsonNode workload) {
        Map<String, String> mounts = new TreeMap<>();
        container(workload).path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
        return mounts;
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static List<JsonNode> workloads(String overlay) {
        return Kustomize.render(overlay).stream().filter(r -> WORKLOAD_KINDS.contains(r.path("kind").asText())).toList();
    }

    static JsonNode workload(String overlay, String role) {
        return workloads(overlay).stream().filter(w -> role(w).equals(role)).findFirst().orElseThrow();
    }

    static List<JsonNode> ofKind(String overlay, String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return Kustomize.render(overlay).stream().filter(r -> wanted.contains(r.path("kind").asText())).toList();
    }

    static JsonNode named(String overlay, String kind, String name) {
        return ofKind(overlay, kind).stream().filter(r -> r.at("/metadata/name").asText().equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no " + kind + " " + name + " in overlay " + overlay));
    }
}
