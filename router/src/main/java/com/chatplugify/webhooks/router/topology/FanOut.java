package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.Event;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KeyValueMapper;

/**
 * Turns an event and the webhooks that want it into one delivery per webhook, keyed by webhookId, and counts
 * what it routed and what no webhook wanted.
 */
final class FanOut implements KeyValueMapper<String, FanOut.Routed, List<KeyValue<String, EncodedDelivery>>> {

    /** An event with the webhooks of its workspace that want it, possibly none. */
    record Routed(Event event, List<String> webhookIds) {
    }

    private final RouterMetrics metrics;

    FanOut(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    static Routed route(Event event, WorkspaceRoutes routes) {
        return new Routed(event, routes == null ? List.of() : routes.webhooksFor(event));
    }

    @Override
    public List<KeyValue<String, EncodedDelivery>> apply(String workspaceId, Routed routed) {
        List<String> webhookIds = routed.webhookIds();
        if (webhookIds.isEmpty()) {
            metrics.unmatched();
            return List.of();
        }
        metrics.routed(routed.event().event(), webhookIds.size());
        // Written as bytes, as the deliveries serde writes a whole Delivery, so that the two agree byte for byte
        // (the byte writer escapes characters outside the Basic Multilingual Plane; the String writer does not).
        String event = new String(Json.toBytes(routed.event()), StandardCharsets.UTF_8);
        List<KeyValue<String, EncodedDelivery>> deliveries = new ArrayList<>(webhookIds.size());
        for (String webhookId : webhookIds) {
            deliveries.add(KeyValue.pair(webhookId, new EncodedDelivery(webhookId, routed.event().workspaceId(), event)));
        }
        return deliveries;
    }
}
