package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.subscriptions.RoutingAck;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Applies route changes to the store that {@link FanOut} routes events with, one entry per webhook, and then
 * forwards the change's acknowledgement. Both run in the task that routes the workspace's events, so an event read
 * after the acknowledgement is visible is routed with the change; under exactly-once the acknowledgement commits
 * together with the store's changelog.
 */
final class RouteTableWriter implements Processor<String, RouteChange, String, RoutingAck> {

    private ProcessorContext<String, RoutingAck> context;
    private KeyValueStore<RouteKey, WebhookRoute> routes;

    @Override
    public void init(ProcessorContext<String, RoutingAck> context) {
        this.context = context;
        this.routes = context.getStateStore(RoutingTopology.WORKSPACE_ROUTES);
    }

    @Override
    public void process(Record<String, RouteChange> record) {
        RouteChange change = record.value();
        switch (change.op()) {
            case PUT -> routes.put(new RouteKey(change.workspaceId(), change.webhookId()), change.route());
            case REMOVE -> routes.delete(new RouteKey(change.workspaceId(), change.webhookId()));
            case NONE -> {
                // Only the acknowledgement.
            }
        }
        if (change.ack() != null) {
            context.forward(record.withKey(change.webhookId()).withValue(change.ack()).withHeaders(new RecordHeaders()));
        }
    }
}
