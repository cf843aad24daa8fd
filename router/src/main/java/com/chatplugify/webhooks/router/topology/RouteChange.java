package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.subscriptions.RoutingAck;

/**
 * A change of the routes of one workspace, sent from the subscriptions' side of the router to the side that routes
 * that workspace's events (through the {@code route-changes} repartition topic, keyed by workspace id), with the
 * acknowledgement to write once it is applied.
 *
 * @param workspaceId whose routes change; null for {@link Op#NONE}
 * @param route       the new route, for {@link Op#PUT}
 * @param ack         written to {@code chatplugify.routing-acks} once the change is applied; null: none
 */
record RouteChange(Op op, String workspaceId, String webhookId, WebhookRoute route, RoutingAck ack) {

    enum Op {
        /** Adds or replaces the webhook's route in its workspace. */
        PUT,
        /** Removes the webhook from the workspace (it was deleted or moved to another one). */
        REMOVE,
        /** Nothing to change (a deletion of an unknown webhook, a refused record): only the acknowledgement. */
        NONE
    }

    static RouteChange put(WebhookRoute route, RoutingAck ack) {
        return new RouteChange(Op.PUT, route.workspaceId(), route.webhookId(), route, ack);
    }

    static RouteChange remove(String workspaceId, String webhookId, RoutingAck ack) {
        return new RouteChange(Op.REMOVE, workspaceId, webhookId, null, ack);
    }

    static RouteChange acknowledgeOnly(RoutingAck ack) {
        return new RouteChange(Op.NONE, null, ack.webhookId(), null, ack);
    }

    /** The repartition key: the workspace whose routes change, or, with nothing to change, the webhook. */
    String partitionKey() {
        return workspaceId != null ? workspaceId : webhookId;
    }
}
