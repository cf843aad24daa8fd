package com.chatplugify.webhooks.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Subscription;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class JsonSerdeTest {

    private static final Instant AT = Instant.parse("2024-01-15T10:30:00Z");

    @Test
    void shouldWriteEventsInTheDocumentedShape() {
        ObjectNode data = Json.mapper().createObjectNode().put("id", "conv_123");
        Event event = new Event("evt_1", "conversation.created", AT, "ws_456", data);

        String json = new String(new JsonSerde<>(Event.class).serialize("t", event), StandardCharsets.UTF_8);

        assertThat(json).isEqualTo("{\"id\":\"evt_1\",\"event\":\"conversation.created\","
                + "\"timestamp\":\"2024-01-15T10:30:00Z\",\"workspaceId\":\"ws_456\",\"data\":{\"id\":\"conv_123\"}}");
    }

    @Test
    void shouldWriteACharacterOutsideTheBmpAsItsFourUtf8BytesAndReadItBackTheSame() {
        JsonSerde<Event> events = new JsonSerde<>(Event.class);
        String text = "smile \uD83D\uDE00 caf\u00e9";
        Event event = new Event("evt_1", "task.created", AT, "ws_456", Json.mapper().createObjectNode().put("t", text));

        byte[] written = events.serialize("t", event);

        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\"t\":\"" + text + "\"")
                .doesNotContain("\\u");
        assertThat(events.deserialize("t", written).data().get("t").textValue()).isEqualTo(text);
    }

    @Test
    void shouldKeepALoneSurrogateEscapedAndReadItBackTheSame() {
        JsonSerde<Event> events = new JsonSerde<>(Event.class);
        String text = "lone \uD83D here";
        Event event = new Event("evt_1", "task.created", AT, "ws_456", Json.mapper().createObjectNode().put("t", text));

        byte[] written = events.serialize("t", event);

        assertThat(new String(written, StandardCharsets.UTF_8)).contains("\\uD83D");
        assertThat(events.deserialize("t", written).data().get("t").textValue()).isEqualTo(text);
    }

    @Test
    void shouldRoundTripSubscriptionsAndDeliveries() {
        JsonSerde<Subscription> subscriptions = new JsonSerde<>(Subscription.class);
        Subscription subscription = new Subscription("webhook_abc", "ws_456", "https://example.com/hook",
                List.of("task.*"), Map.of("Authorization", "Bearer s3cr3t"), "whsec_a2V5", true, "CRM sync", null,
                AT, AT, List.of(new Subscription.RetiringSecret("whsec_b2xk", AT.plusSeconds(60))), 3, null, null, null, null, null);
        JsonSerde<Delivery> deliveries = new JsonSerde<>(Delivery.class);
        Delivery delivery = new Delivery("webhook_abc", "ws_456",
                new Event("evt_1", "task.created", AT, "ws_456", Json.mapper().createObjectNode()));

        assertThat(subscriptions.deserialize("t", subscriptions.serialize("t", subscription))).isEqualTo(subscription);
        assertThat(deliveries.deserialize("t", deliveries.serialize("t", delivery))).isEqualTo(delivery);
    }

    @Test
    void shouldKeepTombstonesNull() {
        JsonSerde<Subscription> serde = new JsonSerde<>(Subscription.class);

        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void shouldFailWithSerializationExceptionOnGarbage() {
        assertThatThrownBy(() -> new JsonSerde<>(Subscription.class).deserialize("t", "nope".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("Subscription");
        assertThatThrownBy(() -> new JsonSerde<>(Subscription.class).deserialize("t", "{\"id\":\"x\"}".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class);
    }
}
