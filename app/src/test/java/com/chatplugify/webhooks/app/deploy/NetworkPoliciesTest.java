package com.chatplugify.webhooks.app.deploy;

import static com.chatplugify.webhooks.app.deploy.KubernetesManifestsTest.labels;
import static com.chatplugify.webhooks.app.deploy.KubernetesManifestsTest.named;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * What each role may reach and be reached from: nothing by default; DNS, the Kafka brokers and Prometheus for
 * every role; the API from the ingress controller and labelled clients only; the deliverer's endpoints anywhere
 * public, never in loopback, private, shared, link-local or metadata ranges.
 */
class NetworkPoliciesTest {

    private static final List<String> OVERLAYS = Kustomize.OVERLAYS;
    private static final List<String> PRIVATE_RANGES = List.of("10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16",
            "127.0.0.0/8", "169.254.0.0/16", "100.64.0.0/10", "0.0.0.0/8");
    private static final List<String> PRIVATE_RANGES_V6 = List.of("::1/128", "fc00::/7", "fe80::/10", "::ffff:0:0/96");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldDenyEverythingNoPolicyAllows(String overlay) {
        JsonNode deny = named(overlay, "NetworkPolicy", "webhooks-default-deny");

        assertThat(deny.at("/spec/podSelector").isEmpty()).isTrue();
        assertThat(deny.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(deny.at("/spec/ingress").isMissingNode() && deny.at("/spec/egress").isMissingNode()).isTrue();
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldLetTheRouterReachOnlyDnsAndKafka(String overlay) {
        JsonNode router = policy(overlay, "router");

        assertThat(egressTargets(router)).containsExactlyInAnyOrder("dns", "kafka");
        assertThat(router.at("/spec/ingress")).hasSize(1);
        assertThat(router.at("/spec/ingress/0/from/0/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText())
                .isEqualTo("monitoring");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldLetTheApiBeReachedOnlyFromTheIngressControllerAndLabelledClients(String overlay) {
        JsonNode ingest = policy(overlay, "ingest");
        List<String> sources = new ArrayList<>();
        for (JsonNode rule : ingest.at("/spec/ingress")) {
            assertThat(rule.at("/ports/0/port").asText()).isEqualTo("http");
            for (JsonNode from : rule.path("from")) {
                assertThat(from.has("ipBlock")).as("no address range reaches the API").isFalse();
                sources.add(labels(from.at("/namespaceSelector/matchLabels")) + " " + labels(from.at("/podSelector/matchLabels")));
            }
        }

        assertThat(sources).containsExactlyInAnyOrder(
                "{kubernetes.io/metadata.name=monitoring} {app.kubernetes.io/name=prometheus}",
                "{kubernetes.io/metadata.name=ingress-nginx} {}",
                "{} {chatplugify.com/webhooks-api-client=true}");
        assertThat(egressTargets(ingest)).containsExactlyInAnyOrder("dns", "kafka");
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void shouldKeepTheDelivererOffClusterAndPrivateRangesButKafkaAndDns(String overlay) {
        JsonNode deliverer = policy(overlay, "deliverer");
        List<JsonNode> blocks = new ArrayList<>();
        deliverer.at("/spec/egress").forEach(rule -> rule.path("to").forEach(to -> {
            if (to.has("ipBlock")) {
                blocks.add(to.path("ipBlock"));
            }
        }));

        assertThat(egressTargets(deliverer)).containsExactlyInAnyOrder("dns", "kafka", "addresses");
        assertThat(blocks).extracting(b -> b.path("cidr").asText()).containsExactlyInAnyOrder("0.0.0.0/0", "::/0");
        assertThat(blocks.get(0).path("except")).extracting(JsonNode::asText).containsAll(PRIVATE_RANGES);
        assertThat(blocks.get(1).path("except")).extracting(JsonNode::asText).containsAll(PRIVATE_RANGES_V6);
    }

    private static JsonNode policy(String overlay, String role) {
        JsonNode policy = named(overlay, "NetworkPolicy", "webhooks-" + role);
        assertThat(labels(policy.at("/spec/podSelector/matchLabels"))).containsEntry("app.kubernetes.io/name", "webhooks-" + role);
        assertThat(policy.at("/spec/policyTypes")).extracting(JsonNode::asText).containsExactlyInAnyOrder("Ingress", "Egress");
        return policy;
    }

    /** What a policy's egress rules reach: "dns", "kafka", or "addresses" for address ranges. */
    private static List<String> egressTargets(JsonNode policy) {
        List<String> targets = new ArrayList<>();
        for (JsonNode rule : policy.at("/spec/egress")) {
            JsonNode to = rule.at("/to/0");
            if (to.has("ipBlock")) {
                targets.add("addresses");
            } else if (labels(to.at("/podSelector/matchLabels")).containsKey("k8s-app")) {
                assertThat(rule.findValuesAsText("port")).containsOnly("53");
                targets.add("dns");
            } else {
                assertThat(labels(to.at("/podSelector/matchLabels"))).containsKey("strimzi.io/cluster");
                assertThat(rule.findValuesAsText("port")).containsExactlyInAnyOrder("9092", "9093");
                targets.add("kafka");
            }
        }
        return targets;
    }
}
