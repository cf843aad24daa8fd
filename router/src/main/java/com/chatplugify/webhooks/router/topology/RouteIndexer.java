package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.subscriptions.RoutingAck;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The subscriptions' side of the router: keeps each webhook's current route by webhook id, and turns every record
 * of the subscriptions topic into the changes of the workspaces it concerns (a move to another workspace removes
 * the webhook from the old one and adds it to the new one), each carrying the acknowledgement to write once the
 * change is applied. Every record keyed by a webhook gets exactly one acknowledgement, refused ones included, so
 * that an API call waiting for it learns the outcome.
 */
final class RouteIndexer implements Processor<String, ParsedSubscription, String, RouteChange> {

    private final RouterMetrics metrics;
    private ProcessorContext<String, RouteChange> context;
    private KeyValueStore<String, WebhookRoute> routes;

    RouteIndexer(RouterMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, RouteChange> context) {
        this.context = context;
        this.routes = context.getStateStore(RoutingTopology.WEBHOOK_ROUTES);
    }

    @Override
    public void process(Record<String, ParsedSubscription> record) {
        String webhookId = record.key();
        if (webhookId == null) {
            return;
        }
        ParsedSubscription parsed = record.value();
        if (!parsed.valid()) {
            forward(record, RouteChange.acknowledgeOnly(ack(webhookId, 0, RoutingAck.Status.REFUSED)));
            return;
        }
        WebhookRoute previous = routes.get(webhookId);
        WebhookRoute route = parsed.route();
        if (route == null) {
            if (previous == null) {
                // Deleting what the router never held changes nothing; counted, so that a stray tombstone is not silent.
                metrics.unknownDeleted();
                forward(record, RouteChange.acknowledgeOnly(ack(webhookId, 0, RoutingAck.Status.ROUTED)));
                return;
            }
            routes.delete(webhookId);
            forward(record, RouteChange.remove(previous.workspaceId(), webhookId,
                    ack(webhookId, 0, RoutingAck.Status.ROUTED)));
            return;
        }
        routes.put(webhookId, route);
        if (previous != null && !previous.workspaceId().equals(route.workspaceId())) {
            forward(record, RouteChange.remove(previous.workspaceId(), webhookId, null));
        }
        forward(record, RouteChange.put(route, ack(webhookId, route.version(), RoutingAck.Status.ROUTED)));
    }

    private RoutingAck ack(String webhookId, long version, RoutingAck.Status status) {
        RecordMetadata source = context.recordMetadata().orElseThrow();
        return new RoutingAck(webhookId, version, source.partition(), source.offset(), status);
    }

    /** The subscription record's headers stay behind: nothing downstream reads them. */
    private void forward(Record<String, ParsedSubscription> record, RouteChange change) {
        context.forward(record.withKey(change.partitionKey()).withValue(change).withHeaders(new RecordHeaders()));
    }
}
