package com.chatplugify.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.router.testing.DeliveryLog;
import com.chatplugify.webhooks.router.testing.RouterInstances;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;

/**
 * A write the router cannot make, under exactly-once: it neither skips the record nor fails on it forever; it
 * stops, says why it is not ready, and the next router routes the event.
 */
class RouterWriteFailureIT {

    private static final Duration GENEROUS = Duration.ofSeconds(60);

    private final String workspace = "ws_" + UUID.randomUUID();
    private final String webhookId = "webhook_" + UUID.randomUUID();

    @Test
    void shouldStopAndReportUnreadyWhenADeliveryCannotBeWrittenAndLoseNothing() {
        // From the topics' ends: what earlier tests published stays out of this router's way.
        RouterInstances instances = new RouterInstances(Map.of("kafka.consumer.auto.offset.reset", "latest"));
        Path stateDir = RouterInstances.newStateDir();
        WebhooksConfig config = instances.config(stateDir);
        // Deliveries of a few KiB are too large for this router's producer: every one fails to be written.
        WebhooksConfig small = config.with(RouterConfig.define(CommonConfig.define(new ConfigDef())),
                Map.of("kafka.producer." + ProducerConfig.MAX_REQUEST_SIZE_CONFIG, "2048"));
        HealthChecks health = new HealthChecks();
        String eventId = "evt_" + UUID.randomUUID();
        try (KafkaProducer<String, byte[]> producer = producer();
             DeliveryLog deliveries = new DeliveryLog(Set.of(workspace))) {
            try (RouterRole router = new RouterRole(small, new SimpleMeterRegistry(), health).start()) {
                await().atMost(GENEROUS).until(() -> router.state() == KafkaStreams.State.RUNNING);
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhookId, Json.toBytes(Map.of("id", webhookId,
                        "workspaceId", workspace, "url", "https://example.com/hooks", "events", List.of("*"),
                        "version", 1))));
                await().atMost(GENEROUS).until(() -> router.webhooksOf(workspace).contains(webhookId));
                // A small event first: once its delivery is visible, the router has committed its input's position.
                String smallEventId = "evt_" + UUID.randomUUID();
                producer.send(new ProducerRecord<>(Topics.EVENTS, workspace, event(smallEventId, "")));
                await().atMost(GENEROUS).pollInSameThread()
                        .until(() -> deliveries.poll().counts().containsKey(DeliveryLog.pair(smallEventId, webhookId)));

                producer.send(new ProducerRecord<>(Topics.EVENTS, workspace, event(eventId, "x".repeat(4096))));

                await().atMost(GENEROUS).until(() -> router.state() == KafkaStreams.State.ERROR);
                HealthChecks.Status readiness = health.readiness().checks().get("router");
                assertThat(readiness.ok()).isFalse();
                assertThat(readiness.detail()).contains("ERROR", "cannot write to " + Topics.DELIVERIES,
                        "RecordTooLargeException");
                assertThat(health.health().ok()).isFalse();
            }

            try (RouterRole next = new RouterRole(config, new SimpleMeterRegistry(), new HealthChecks()).start()) {
                await().atMost(GENEROUS).pollInSameThread()
                        .until(() -> deliveries.poll().counts().containsKey(DeliveryLog.pair(eventId, webhookId)));
                assertThat(deliveries.counts()).containsEntry(DeliveryLog.pair(eventId, webhookId), 1);
            }
        }
    }

    private byte[] event(String eventId, String note) {
        return ("{\"id\":\"" + eventId + "\",\"event\":\"task.created\",\"workspaceId\":\"" + workspace
                + "\",\"data\":{\"note\":\"" + note + "\"}}").getBytes(StandardCharsets.UTF_8);
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(),
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1),
                new StringSerializer(), new ByteArraySerializer());
    }
}
