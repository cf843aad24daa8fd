package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.app.WebhooksProcess;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.testing.api.ApiClient;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * An upstream producer writes an event with the pipeline's own headers ({@code attempts: 3}, an old {@code due-at},
 * {@code replay-of}): the router drops them, so the delivery gets its first attempt and every retry.
 */
class ForgedHeadersIT {

    @Test
    void shouldGiveAnEventCarryingAttempts3ItsFullRetries() {
        try (FaultLab lab = FaultLab.withBroker("forged-headers")) {
            WebhooksProcess system = lab.startInProcess("system", EnumSet.of(Role.ROUTER, Role.DELIVERER, Role.INGEST),
                    Map.of());
            ApiClient api = new ApiClient(system.baseUrl(), FaultLab.API_TOKEN);
            String workspace = "ws_" + UUID.randomUUID();
            String id = "webhook_" + UUID.randomUUID();
            ApiClient.Response created = api.post("/v1/webhooks", Json.toString(Map.of("id", id,
                    "workspaceId", workspace, "url", lab.receiver().url(id), "events", List.of("*"))));
            assertThat(created.header("Routing-Status")).hasValue("routed");
            lab.receiver().set(CountingReceiver.State.ANSWERING_503);

            ProducerRecord<String, byte[]> event = new ProducerRecord<>(Topics.EVENTS, workspace, Json.toBytes(Map.of(
                    "id", "evt_" + UUID.randomUUID(), "event", "task.created", "workspaceId", workspace,
                    "data", Map.of("id", "task_1"))));
            event.headers().add(DeliveryHeaders.ATTEMPTS, bytes("3"))
                    .add(DeliveryHeaders.DUE_AT, bytes("0"))
                    .add(DeliveryHeaders.REPLAY_OF, bytes("0-1"));
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers()),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(event);
            }

            try (TopicRecords deadLetters = new TopicRecords(lab.bootstrapServers(), Topics.DLQ,
                    r -> id.equals(r.key()))) {
                List<ConsumerRecord<String, byte[]>> parked = await().atMost(Duration.ofSeconds(60))
                        .until(deadLetters::poll, records -> !records.isEmpty());
                assertThat(parked).singleElement().satisfies(letter -> {
                    assertThat(TopicRecords.header(letter, DeliveryHeaders.REASON)).isEqualTo("retries_exhausted");
                    assertThat(TopicRecords.header(letter, DeliveryHeaders.ATTEMPTS)).isEqualTo("4");
                    assertThat(TopicRecords.header(letter, DeliveryHeaders.REPLAY_OF)).isNull();
                });
            }
            assertThat(lab.receiver().requests()).isEqualTo(4);
        }
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
