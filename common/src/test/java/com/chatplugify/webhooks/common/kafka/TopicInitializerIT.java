package com.chatplugify.webhooks.common.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;

class TopicInitializerIT {

    private final WebhooksConfig config = new WebhooksConfig(CommonConfig.define(new ConfigDef()),
            Map.of(CommonConfig.KAFKA_BOOTSTRAP_SERVERS, TestKafka.bootstrapServers(), CommonConfig.TOPICS_PARTITIONS, "3"));

    @Test
    void shouldCreateTheCatalogueOnceAndLeaveItOnTheNextStart() throws Exception {
        List<NewTopic> catalogue = TopicCatalogue.topics(config);
        try (Admin admin = TestKafka.admin()) {
            TopicInitializer initializer = new TopicInitializer(admin, Duration.ofSeconds(30), TestKafka.bootstrapServers());

            initializer.ensure(catalogue);
            Set<String> createdAgain = initializer.ensure(catalogue);

            assertThat(createdAgain).isEmpty();
            assertThat(admin.listTopics().names().get())
                    .containsAll(catalogue.stream().map(NewTopic::name).toList());
            assertThat(admin.describeTopics(List.of(Topics.EVENTS)).allTopicNames().get()
                    .get(Topics.EVENTS).partitions()).hasSize(3);
            ConfigResource subscriptions = new ConfigResource(ConfigResource.Type.TOPIC, Topics.SUBSCRIPTIONS);
            ConfigResource dlq = new ConfigResource(ConfigResource.Type.TOPIC, Topics.DLQ);
            Map<ConfigResource, Config> configs = admin.describeConfigs(List.of(subscriptions, dlq)).all().get();
            assertThat(configs.get(subscriptions).get("cleanup.policy").value()).isEqualTo("compact");
            assertThat(configs.get(dlq).get("retention.ms").value()).isEqualTo(Long.toString(Duration.ofDays(30).toMillis()));
            assertThat(admin.listTopics().names().get()).contains(Topics.retryTier(1), Topics.retryTier(2), Topics.retryTier(3));
        }
    }
}
