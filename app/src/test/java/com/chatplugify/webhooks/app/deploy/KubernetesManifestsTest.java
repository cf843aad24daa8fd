package com.chatplugify.webhooks.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.TopicCatalogue;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Checks deploy/k8s against the code: no Kubernetes API server nor schema validator runs here, so these tests
 * hold what can go wrong between the manifests and the application (keys, roles, probes, labels, topics).
 */
class KubernetesManifestsTest {

    private static final Set<String> ROLES = Set.of("ingest", "router", "deliverer");
    private static final Set<String> WORKLOAD_KINDS = Set.of("Deployment", "StatefulSet");
    private static final String CONFIG_FILE = "/etc/webhooks/webhooks.properties";

    private final List<JsonNode> resources = resources();

    @TempDir
    Path temp;

    @Test
    void shouldGiveEveryResourceAnApiVersionKindAndName() {
        assertThat(resources).isNotEmpty().allSatisfy(resource -> {
            assertThat(resource.path("apiVersion").asText()).as("apiVersion of %s", resource).isNotBlank();
            assertThat(resource.path("kind").asText()).as("kind of %s", resource).isNotBlank();
            assertThat(resource.at("/metadata/name").asText()).as("name of %s", resource).matches("[a-z0-9]([a-z0-9.-]*[a-z0-9])?");
        });
    }

    @Test
    void shouldListEveryManifestInTheKustomization() throws IOException {
        List<String> listed = new ArrayList<>();
        DeployFiles.yaml("k8s/kustomization.yaml").path("resources").forEach(r -> listed.add(r.asText()));
        try (var files = Files.list(DeployFiles.file("k8s"))) {
            assertThat(listed).containsExactlyInAnyOrderElementsOf(files.map(f -> f.getFileName().toString())
                    .filter(name -> name.endsWith(".yaml") && !name.equals("kustomization.yaml")).toList());
        }
    }

    @Test
    void shouldStartEveryRoleWithAConfigurationTheApplicationAccepts() throws IOException {
        assertThat(workloads()).extracting(this::role).containsExactlyInAnyOrderElementsOf(ROLES);
        for (JsonNode workload : workloads()) {
            JsonNode container = container(workload);
            assertThat(container.path("args").get(1).asText() + " " + container.path("args").get(2).asText())
                    .isEqualTo("--config " + CONFIG_FILE);
            assertThat(mountPaths(workload)).containsEntry("config", "/etc/webhooks");
            WebhooksConfig config = config(environment(container));
            assertThat(config.getString(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)).isNotBlank();
            if (role(workload).equals("ingest")) {
                assertThat(config.getSecret(CommonConfig.API_TOKEN)).as("ingest requires api.token").isNotBlank();
            }
            assertThat(config.getSecret(CommonConfig.SECRETS_KEY)).as("secrets.key of " + role(workload))
                    .matches(key -> role(workload).equals("router") == (key == null));
        }
    }

    @Test
    void shouldProbeHealthAndReadinessOnTheHttpPort() {
        for (JsonNode workload : workloads()) {
            JsonNode container = container(workload);
            assertThat(container.path("ports").findValuesAsText("name")).contains("http");
            assertThat(container.path("ports").findValuesAsText("containerPort")).contains("8080");
            assertThat(container.at("/livenessProbe/httpGet/path").asText()).isEqualTo("/health");
            assertThat(container.at("/livenessProbe/httpGet/port").asText()).isEqualTo("http");
            assertThat(container.at("/readinessProbe/httpGet/path").asText()).isEqualTo("/ready");
            assertThat(container.at("/readinessProbe/httpGet/port").asText()).isEqualTo("http");
            assertThat(container.at("/resources/requests/memory").asText()).as("memory request").isNotBlank();
        }
    }

    @Test
    void shouldRunAsNonRootAndWriteOnlyToItsVolumes() {
        for (JsonNode workload : workloads()) {
            assertThat(workload.at("/spec/template/spec/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(container(workload).at("/securityContext/readOnlyRootFilesystem").asBoolean()).isTrue();
            // data.dir (the image's WEBHOOKS_DATA_DIR) and java.io.tmpdir, where RocksDB unpacks its native library.
            assertThat(mountPaths(workload)).containsEntry("data", "/var/lib/webhooks").containsEntry("tmp", "/tmp");
        }
        JsonNode router = workloads().stream().filter(w -> role(w).equals("router")).findFirst().orElseThrow();
        assertThat(router.path("kind").asText()).isEqualTo("StatefulSet");
        assertThat(router.at("/spec/volumeClaimTemplates/0/metadata/name").asText()).isEqualTo("data");
    }

    @Test
    void shouldSelectThePodsOfTheWorkloads() {
        List<Map<String, String>> podLabels = workloads().stream()
                .map(w -> labels(w.at("/spec/template/metadata/labels"))).toList();
        for (JsonNode workload : workloads()) {
            Map<String, String> labels = labels(workload.at("/spec/template/metadata/labels"));
            assertThat(labels).containsEntry("app.kubernetes.io/part-of", "chatplugify-webhooks")
                    .containsEntry("app.kubernetes.io/component", role(workload));
            assertThat(labels).containsAllEntriesOf(labels(workload.at("/spec/selector/matchLabels")));
        }
        for (JsonNode resource : ofKind("Service", "PodDisruptionBudget")) {
            Map<String, String> selector = labels(resource.at("/spec/selector/matchLabels").isMissingNode()
                    ? resource.at("/spec/selector") : resource.at("/spec/selector/matchLabels"));
            assertThat(selector).as("selector of %s", resource.at("/metadata/name")).isNotEmpty();
            assertThat(podLabels).as("pods selected by %s", resource.at("/metadata/name"))
                    .anySatisfy(labels -> assertThat(labels).containsAllEntriesOf(selector));
        }
        assertThat(ofKind("PodDisruptionBudget")).hasSize(ROLES.size());
    }

    @Test
    void shouldScaleDeliverersOnlyUpToThePartitionCount() throws IOException {
        JsonNode autoscaler = ofKind("HorizontalPodAutoscaler").get(0);
        JsonNode deliverer = workloads().stream().filter(w -> role(w).equals("deliverer")).findFirst().orElseThrow();
        assertThat(autoscaler.at("/spec/scaleTargetRef/kind").asText()).isEqualTo(deliverer.path("kind").asText());
        assertThat(autoscaler.at("/spec/scaleTargetRef/name").asText()).isEqualTo(deliverer.at("/metadata/name").asText());
        int partitions = config(Map.of()).getInt(CommonConfig.TOPICS_PARTITIONS);
        assertThat(autoscaler.at("/spec/maxReplicas").asInt()).isBetween(autoscaler.at("/spec/minReplicas").asInt(), partitions);
    }

    @Test
    void shouldDeclareTheTopicsOfTheCatalogueWithItsSettings() throws IOException {
        WebhooksConfig config = config(Map.of());
        Map<String, JsonNode> declared = ofKind("KafkaTopic").stream()
                .collect(Collectors.toMap(t -> t.at("/spec/topicName").asText(), t -> t));
        List<NewTopic> catalogue = TopicCatalogue.topics(config);

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

    private WebhooksConfig config(Map<String, String> environment) throws IOException {
        JsonNode configMap = ofKind("ConfigMap").get(0);
        Path file = temp.resolve("webhooks.properties");
        Files.writeString(file, configMap.at("/data/webhooks.properties").asText());
        return new ConfigSources(ConfigDefinitions.all()).load(file, environment, Map.of());
    }

    /** The container's WEBHOOKS_* variables; a value from a Secret stands in as a well-formed placeholder. */
    private static Map<String, String> environment(JsonNode container) {
        Map<String, String> environment = new HashMap<>();
        for (JsonNode variable : container.path("env")) {
            String name = variable.path("name").asText();
            assertThat(name).as("environment variable").matches("WEBHOOKS_[A-Z0-9_]+|JAVA_TOOL_OPTIONS");
            if (name.startsWith(ConfigSources.ENV_PREFIX)) {
                environment.put(name, variable.has("value") ? variable.path("value").asText() : fromASecret(name));
            }
        }
        return environment;
    }

    static String fromASecret(String variable) {
        return variable.equals(ConfigSources.envName(CommonConfig.SECRETS_KEY))
                ? SecretKeys.generate("k1", new SecureRandom()) : "from-a-secret";
    }

    private String role(JsonNode workload) {
        String role = container(workload).path("args").get(0).asText();
        assertThat(ROLES).contains(role);
        return role;
    }

    private static JsonNode container(JsonNode workload) {
        JsonNode containers = workload.at("/spec/template/spec/containers");
        assertThat(containers.size()).as("containers of %s", workload.at("/metadata/name")).isEqualTo(1);
        return containers.get(0);
    }

    private static Map<String, String> mountPaths(JsonNode workload) {
        Map<String, String> mounts = new TreeMap<>();
        container(workload).path("volumeMounts").forEach(m -> mounts.put(m.path("name").asText(), m.path("mountPath").asText()));
        return mounts;
    }

    private static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new TreeMap<>();
        node.fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    private List<JsonNode> workloads() {
        return resources.stream().filter(r -> WORKLOAD_KINDS.contains(r.path("kind").asText())).toList();
    }

    private List<JsonNode> ofKind(String... kinds) {
        Set<String> wanted = Set.of(kinds);
        return resources.stream().filter(r -> wanted.contains(r.path("kind").asText())).toList();
    }

    private static List<JsonNode> resources() {
        return DeployFiles.yamlFiles().stream()
                .filter(f -> f.startsWith(DeployFiles.file("k8s")) && !f.endsWith("kustomization.yaml"))
                .flatMap(f -> DeployFiles.yamlDocuments(f).stream())
                .toList();
    }
}
