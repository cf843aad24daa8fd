package com.chatplugify.webhooks.bench.system;

import java.util.Optional;
import java.util.Set;

/** A running Chatplugify Webhooks system the bench drives: started in this process, or a cluster it connects to. */
public interface SystemUnderTest extends AutoCloseable {

    /** Kafka bootstrap servers of the system. */
    String bootstrapServers();

    /** Base URL of the ingest API ({@code http://host:port}). */
    String apiUrl();

    String apiToken();

    /** Partitions of the system's topics. */
    int partitions();

    SystemCounters counters();

    /** The webhooks the router currently routes for a workspace, when the bench can ask it; empty when it cannot. */
    Optional<Set<String>> routedWebhooks(String workspaceId);

    @Override
    void close();
}
