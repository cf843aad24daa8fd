package com.chatplugify.webhooks.router.topology;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.junit.jupiter.api.Test;

class FanOutTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final FanOut fanOut = new FanOut(new RouterMetrics(registry));

    @Test
    void shouldWriteEachDeliveryExactlyAsTheDeliveryRecordIsWritten() throws Exception {
        ObjectNode data = (ObjectNode) Json.mapper().readTree(
                "{\"title\":\"say \\\"hi\\\" \\u00e9\\ud83d\\ude00\",\"amount\":1.10,\"nested\":{\"list\":[1,null,true]}}");
        Event event = new Event("evt_\"1\"", "order.requested", Instant.parse("2024-01-15T10:30:00.123456Z"), "ws_\\1", data);
        WorkspaceRoutes routes = new WorkspaceRoutes(Map.of(
                "webhook_a", new WebhookRoute("webhook_a", "ws_\\1", List.of("*")),
                "webhook_\"b\"", new WebhookRoute("webhook_\"b\"", "ws_\\1", List.of("order.*"))));

        List<KeyValue<String, EncodedDelivery>> deliveries = fanOut.apply("ws_\\1", FanOut.route(event, routes));

        JsonSerde<Delivery> deliverySerde = new JsonSerde<>(Delivery.class);
        JsonSerde<EncodedDelivery> encodedSerde = new JsonSerde<>(EncodedDelivery.class);
        assertThat(deliveries).hasSize(2).allSatisfy(delivery -> assertThat(
                new String(encodedSerde.serialize("t", delivery.value), StandardCharsets.UTF_8)).isEqualTo(
                new String(deliverySerde.serialize("t", new Delivery(delivery.key, "ws_\\1", event)), StandardCharsets.UTF_8)));
        assertThat(registry.get(WebhookMetrics.DELIVERIES_ROUTED).tag("event", "order.requested").counter().count())
                .isEqualTo(2);
    }
}
