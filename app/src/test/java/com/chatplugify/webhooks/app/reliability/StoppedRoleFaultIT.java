package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.testing.net.LoopbackPorts;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * A role whose engine stops for good exits with status 1, so that its supervisor restarts it, rather than keep
 * running and answering while it does nothing: here a deliverer that cannot write anything to Kafka (its producer
 * may send no more than 100 bytes) stops at its first failed attempt.
 */
@Tag("fault")
class StoppedRoleFaultIT {

    @Test
    void shouldExitWithStatusOneWhenItsDeliveryEngineStops() throws Exception {
        try (FaultLab lab = FaultLab.withBroker("stopped-role")) {
            FaultLab.RoleProcess deliverer = lab.startRole("deliverer", "deliverer",
                    Map.of("kafka.max.request.size", "100"));
            lab.awaitReady(deliverer);

            Instant now = Instant.now();
            Subscription webhook = new Subscription(Ids.newWebhookId(), "ws_stopped",
                    "http://127.0.0.1:" + LoopbackPorts.unused() + "/hook", List.of("*"), Map.of(),
                    "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", true, null, null, now, now, null, 1, null, null, null, null,
                    null);
            Event event = new Event(Ids.newEventId(), "contact.created", now, "ws_stopped",
                    Json.mapper().createObjectNode().put("id", "contact_1"));
            try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                    ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, lab.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
                    new StringSerializer(), new ByteArraySerializer())) {
                producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhook.id(), Json.toBytes(webhook))).get();
                producer.send(new ProducerRecord<>(Topics.DELIVERIES, webhook.id(),
                        Json.toBytes(new Delivery(webhook.id(), "ws_stopped", event)))).get();
            }

            assertThat(deliverer.jvm().awaitExit(Duration.ofSeconds(90))).isEqualTo(1);
            assertThat(deliverer.jvm().tail(200)).contains("deliverer stopped working")
                    .contains("Cannot write to " + Topics.retryTier(1));
        }
    }
}
