package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.Event;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Routes an event: one delivery, keyed by webhookId, per webhook of its workspace whose filters select it, read
 * from the routes by workspace with a prefix scan (so a workspace may hold any number of webhooks); counts what it
 * routed and what no webhook wanted.
 *
 * <p>Deliveries carry no header of the event record: the pipeline's own headers ({@code attempts}, {@code due-at},
 * ...) are the deliverer's to write, and an upstream producer must not be able to set them.
 */
final class FanOut implements Processor<String, Event, String, EncodedDelivery> {

    private final RouterMetrics metrics;
    private ProcessorContext<String, EncodedDelivery> context;
    private ReadOnlyKeyValueStore<RouteKey, WebhookRoute> routes;

    FanOut(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, EncodedDelivery> context) {
        this.context = context;
        this.routes = context.getStateStore(RoutingTopology.WORKSPACE_ROUTES);
    }

    @Override
    public void process(Record<String, Event> record) {
        Event event = record.value();
        String encoded = null;
        int routed = 0;
        // Stamped when routed, not with the event's record time (a producer's choice, or a mirror's copy of it):
        // delivery.max-age counts from here.
        long queuedAt = context.currentSystemTimeMs();
        try (KeyValueIterator<RouteKey, WebhookRoute> workspace = routes.prefixScan(event.workspaceId(), RouteKey.PREFIX)) {
            while (workspace.hasNext()) {
                WebhookRoute route = workspace.next().value;
                // The prefix selects the workspace already; checking again keeps a workspace's events its own even
                // if an entry were ever stored wrongly.
                if (route.workspaceId().equals(event.workspaceId()) && route.wants(event.event())) {
                    if (encoded == null) {
                        encoded = encode(event);
                    }
                    EncodedDelivery delivery = new EncodedDelivery(route.webhookId(), event.workspaceId(), encoded);
                    context.forward(record.withKey(route.webhookId()).withValue(delivery).withHeaders(new RecordHeaders())
                            .withTimestamp(queuedAt));
                    routed++;
                }
            }
        }
        if (routed == 0) {
            metrics.unmatched();
        } else {
            metrics.routed(event.event(), routed);
        }
    }

    /**
     * Written as bytes, as the deliveries serde writes a whole Delivery, so that the two agree byte for byte (the
     * byte writer escapes characters outside the Basic Multilingual Plane; the String writer does not).
     */
    private static String encode(Event event) {
        return new String(Json.toBytes(event), StandardCharsets.UTF_8);
    }
}
