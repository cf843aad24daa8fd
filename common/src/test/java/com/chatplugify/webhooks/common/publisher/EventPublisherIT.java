package com.chatplugify.webhooks.common.publisher;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.TopicCatalogue;
import com.chatplugify.webhooks.common.kafka.TopicInitializer;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;

class EventPublisherIT {

    @Test
    void shouldPublishAnEventTheBrokerKeepsWhereItSays() throws Exception {
        WebhooksConfig config = new WebhooksConfig(CommonConfig.define(new ConfigDef()),
                Map.of(CommonConfig.KAFKA_BOOTSTRAP_SERVERS, TestKafka.bootstrapServers(), CommonConfig.TOPICS_PARTITIONS, "3"));
        try (Admin admin = TestKafka.admin()) {
            new TopicInitializer(admin, Duration.ofSeconds(30), TestKafka.bootstrapServers()).ensure(TopicCatalogue.topics(config));
        }
        String workspace = "ws_" + UUID.randomUUID();

        PublishedEvent published;
        try (EventPublisher publisher = EventPublisher.create(TestKafka.bootstrapServers())) {
            published = publisher.publish("order.requested", workspace, Map.of("id", "order_1", "total", 12.5)).get();
        }

        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringDeserializer(), new ByteArrayDeserializer())) {
            TopicPartition partition = new TopicPartition(Topics.EVENTS, published.partition());
            consumer.assign(List.of(partition));
            consumer.seek(partition, published.offset());
            ConsumerRecord<String, byte[]> record = consumer.poll(Duration.ofSeconds(10)).records(partition).get(0);
            assertThat(record.key()).isEqualTo(workspace);
            Event written = Json.mapper().readValue(record.value(), Event.class);
            assertThat(written.id()).isEqualTo(published.id());
            assertThat(written.event()).isEqualTo("order.requested");
            assertThat(written.data().get("total").decimalValue()).isEqualByComparingTo("12.5");
        }
    }
}
