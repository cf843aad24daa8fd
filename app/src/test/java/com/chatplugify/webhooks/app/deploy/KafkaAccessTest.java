package com.chatplugify.webhooks.app.deploy;

import static com.chatplugify.webhooks.app.deploy.KubernetesManifestsTest.container;
import static com.chatplugify.webhooks.app.deploy.KubernetesManifestsTest.env;
import static com.chatplugify.webhooks.app.deploy.KubernetesManifestsTest.environment;
import static com.chatplugify.webhooks.app.deploy.KubernetesManifestsTest.named;
import static com.chatplugify.webhooks.app.deploy.KubernetesManifestsTest.ofKind;
import static com.chatplugify.webhooks.app.deploy.KubernetesManifestsTest.workload;
import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.TopicCatalogue;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import com.chatplugify.webhooks.deliverer.health.HealthWatch;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.ingest.operations.OperationalEventForwarder;
import com.chatplugify.webhooks.ingest.deadletters.DeadLetterReplayer;
import com.chatplugify.webhooks.router.RouterConfig;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The production overlay's Kafka users (components/kafka-scram-tls): one per role, SCRAM-SHA-512 over TLS, and
 * exactly the access each role's code needs, named from the code's own constants: its topics, its group, its
 * transactional ids.
 */
class KafkaAccessTest {

    private static final String OVERLAY = "production";

    @TempDir
    Path temp;

    @Test
    void shouldSignEveryRoleInAsItsOwnUserOverTls() throws IOException {
        assertThat(ofKind(OVERLAY, "KafkaUser")).extracting(u -> u.at("/metadata/name").asText())
                .containsExactlyInAnyOrder("webhooks-ingest", "webhooks-router", "webhooks-deliverer");
        for (String role : List.of("ingest", "router", "deliverer")) {
            JsonNode container = container(workload(OVERLAY, role));
            Map<String, String> environment = environment(OVERLAY, container);
            WebhooksConfig config = KubernetesManifestsTest.config(OVERLAY, environment, temp);

            assertThat(named(OVERLAY, "KafkaUser", "webhooks-" + role).at("/spec/authentication/type").asText())
                    .isEqualTo("scram-sha-512");
            assertThat(config.kafkaClientProperties()).containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("ssl.truststore.location", "/etc/kafka-ca/ca.crt");
            assertThat(env(container).get("WEBHOOKS_KAFKA_SASL_JAAS_CONFIG").at("/valueFrom/secretKeyRef/name").asText())
                    .as("the Secret the User Operator writes for the role's user").isEqualTo("webhooks-" + role);
            assertThat(config.getString(CommonConfig.KAFKA_BOOTSTRAP_SERVERS)).endsWith(":9093");
        }
    }

    @Test
    void shouldGiveTheRouterItsStreamsTopicsGroupAndTransactionsAndNothingElse() throws IOException {
        String application = config().getString(RouterConfig.APPLICATION_ID);

        assertThat(acls("webhooks-router")).containsExactlyInAnyOrder(
                "Describe topic chatplugify.*",
                "Read topic " + Topics.EVENTS, "Read topic " + Topics.SUBSCRIPTIONS,
                "Write topic " + Topics.DELIVERIES, "Write topic " + Topics.EVENTS_INVALID,
                "Write topic " + Topics.SUBSCRIPTIONS_INVALID, "Write topic " + Topics.ROUTING_ACKS,
                "Read group " + application,
                "Create topic " + application + "-*", "Read topic " + application + "-*",
                "Write topic " + application + "-*", "Describe topic " + application + "-*",
                "DescribeConfigs topic " + application + "-*", "Delete topic " + application + "-*",
                "Write transactionalId " + application + "-*", "Describe transactionalId " + application + "-*");
    }

    @Test
    void shouldGiveTheDelivererItsTiersItsGroupWhatItWritesAndItsHealthWatchsStreamsResources() throws IOException {
        String group = config().getString(DelivererConfig.GROUP_ID);
        String health = HealthWatch.applicationId(config());

        assertThat(acls("webhooks-deliverer")).containsExactlyInAnyOrder(
                "Describe topic chatplugify.*",
                "Read topic " + Topics.DELIVERIES, "DescribeConfigs topic " + Topics.DELIVERIES,
                "Read topic chatplugify.deliveries.retry-*", "Write topic chatplugify.deliveries.retry-*",
                "DescribeConfigs topic chatplugify.deliveries.retry-*",
                "Write topic " + Topics.DLQ, "Write topic " + Topics.DELIVERY_ATTEMPTS,
                "Read topic " + Topics.SUBSCRIPTIONS, "Write topic " + Topics.SUBSCRIPTION_COMMANDS,
                "Read group " + group,
                "Read topic " + Topics.DLQ, "Read topic " + Topics.DELIVERY_ATTEMPTS,
                "Write topic " + Topics.OPERATIONAL_EVENTS,
                "Read group " + health,
                "Create topic " + health + "-*", "Read topic " + health + "-*",
                "Write topic " + health + "-*", "Describe topic " + health + "-*",
                "DescribeConfigs topic " + health + "-*", "Delete topic " + health + "-*",
                "Write transactionalId " + health + "-*", "Describe transactionalId " + health + "-*");
        assertThat(Topics.retryTiers(3)).allMatch(tier -> tier.startsWith("chatplugify.deliveries.retry-"));
    }

    @Test
    void shouldGiveIngestItsTopicsTheOwnersGroupAndItsTransactionalIds() throws IOException {
        String owner = config().getString(IngestConfig.OWNER_GROUP_ID);
        String keyOwners = config().getString(IngestConfig.IDEMPOTENCY_APPLICATION_ID);

        assertThat(acls("webhooks-ingest")).containsExactlyInAnyOrder(
                "Describe topic chatplugify.*",
                "Write topic " + Topics.EVENTS,
                "Read topic " + Topics.SUBSCRIPTION_COMMANDS, "Write topic " + Topics.SUBSCRIPTION_COMMANDS,
                "Read group " + owner, "Read group " + owner + OperationalEventForwarder.GROUP_SUFFIX,
                "Read topic " + Topics.SUBSCRIPTIONS, "Write topic " + Topics.SUBSCRIPTIONS,
                "Read topic " + Topics.SUBSCRIPTION_COMMAND_RESULTS, "Write topic " + Topics.SUBSCRIPTION_COMMAND_RESULTS,
                "Read topic " + Topics.ROUTING_ACKS,
                "Read topic " + Topics.API_TOKENS, "Write topic " + Topics.API_TOKENS,
                "Write topic " + Topics.DELIVERIES,
                "Read topic " + Topics.DLQ_REPLAYED, "Write topic " + Topics.DLQ_REPLAYED,
                "Read topic " + Topics.OPERATIONAL_EVENTS, "Write topic " + Topics.OPERATIONAL_EVENTS,
                "Read topic " + Topics.DLQ, "Read topic " + Topics.DELIVERY_ATTEMPTS,
                "Write transactionalId " + DeadLetterReplayer.TRANSACTIONAL_ID,
                "Describe transactionalId " + DeadLetterReplayer.TRANSACTIONAL_ID,
                // SubscriptionOwner names its transactional producers <group>-<uuid>.
                "Write transactionalId " + owner + "-*", "Describe transactionalId " + owner + "-*",
                "Read topic " + Topics.IDEMPOTENCY_REQUESTS, "Write topic " + Topics.IDEMPOTENCY_REQUESTS,
                "Read topic " + Topics.IDEMPOTENCY_RESULTS, "Write topic " + Topics.IDEMPOTENCY_RESULTS,
                // The idempotency keys' owners: Kafka Streams, its group, changelogs and exactly-once producers.
                "Read group " + keyOwners,
                "Create topic " + keyOwners + "-*", "Read topic " + keyOwners + "-*",
                "Write topic " + keyOwners + "-*", "Describe topic " + keyOwners + "-*",
                "DescribeConfigs topic " + keyOwners + "-*", "Delete topic " + keyOwners + "-*",
                "Write transactionalId " + keyOwners + "-*", "Describe transactionalId " + keyOwners + "-*");
        assertThat(config().getString(RouterConfig.APPLICATION_ID)).doesNotStartWith(owner).doesNotStartWith(keyOwners);
        assertThat(keyOwners).doesNotStartWith(owner);
    }

    @Test
    void shouldNameOnlyTopicsOfTheCatalogueAndCreateNone() throws IOException {
        Set<String> catalogue = new TreeSet<>(TopicCatalogue.topics(config()).stream().map(NewTopic::name).toList());
        // Kafka Streams' internal topics: the router's, and the idempotency keys' owners' and the health watch's changelogs.
        Set<String> internal = Set.of(config().getString(RouterConfig.APPLICATION_ID) + "-*",
                config().getString(IngestConfig.IDEMPOTENCY_APPLICATION_ID) + "-*",
                HealthWatch.applicationId(config()) + "-*");
        for (JsonNode user : ofKind(OVERLAY, "KafkaUser")) {
            for (String acl : acls(user.at("/metadata/name").asText())) {
                String[] parts = acl.split(" ");
                if (parts[1].equals("topic") && !internal.contains(parts[2])) {
                    assertThat(parts[0]).as(acl).isNotEqualTo("Create");
                    String name = parts[2];
                    assertThat(name.endsWith("*") ? catalogue.stream().anyMatch(t -> t.startsWith(name.substring(0, name.length() - 1)))
                            : catalogue.contains(name)).as("%s names a topic of the catalogue", acl).isTrue();
                }
                assertThat(parts[1]).as(acl).isIn("topic", "group", "transactionalId");
            }
        }
    }

    /** A user's ACLs as "Operation type name", a prefix written name*. */
    private static Set<String> acls(String user) {
        Set<String> acls = new TreeSet<>();
        for (JsonNode acl : named(OVERLAY, "KafkaUser", user).at("/spec/authorization/acls")) {
            assertThat(acl.path("type").asText("allow")).isEqualTo("allow");
            JsonNode resource = acl.path("resource");
            String name = resource.path("name").asText() + (resource.path("patternType").asText().equals("prefix") ? "*" : "");
            acl.path("operations").forEach(op -> assertThat(acls.add(op.asText() + " " + resource.path("type").asText()
                    + " " + name)).as("%s granted twice to %s", op, user).isTrue());
        }
        return acls;
    }

    private WebhooksConfig config() throws IOException {
        return KubernetesManifestsTest.config(OVERLAY, Map.of(ConfigSources.envName(CommonConfig.API_TOKEN), "x"), temp);
    }
}
