package com.chatplugify.webhooks.bench;

import com.chatplugify.webhooks.bench.receiver.ReceiverEndpoint;
import java.util.List;

/**
 * The endpoints of a scenario, each registered as a webhook: endpoint {@code slot} belongs to workspace
 * {@code slot / fanout}, so every workspace has {@code fanout} webhooks and every event of it is wanted by all.
 */
public record ScenarioEndpoints(List<ReceiverEndpoint> endpoints, List<String> webhookIds, List<String> workspaceIds, int fanout) {

    public ScenarioEndpoints {
        endpoints = List.copyOf(endpoints);
        webhookIds = List.copyOf(webhookIds);
        workspaceIds = List.copyOf(workspaceIds);
    }

    public int workspaces() {
        return workspaceIds.size();
    }

    /** The workspace of each endpoint, by slot: what deliveries written straight to the deliverer carry. */
    public List<String> workspaceOfEachEndpoint() {
        return endpoints.stream().map(endpoint -> workspaceIds.get(endpoint.slot() / fanout)).toList();
    }
}
