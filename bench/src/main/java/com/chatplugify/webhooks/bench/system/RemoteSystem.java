package com.chatplugify.webhooks.bench.system;

import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A running cluster the bench connects to. Its deliverers must reach the bench's receiver on 127.0.0.1 and allow
 * http and loopback addresses; its counters come from the {@code /metrics} pages given, if any.
 */
public final class RemoteSystem implements SystemUnderTest {

    private final String bootstrapServers;
    private final String apiUrl;
    private final String apiToken;
    private final int partitions;
    private final PrometheusScrape scrape;

    public RemoteSystem(String bootstrapServers, String apiUrl, String apiToken, int partitions, List<URI> metricsPages) {
        this.bootstrapServers = bootstrapServers;
        this.apiUrl = apiUrl;
        this.apiToken = apiToken;
        this.partitions = partitions;
        this.scrape = new PrometheusScrape(metricsPages);
    }

    @Override
    public String bootstrapServers() {
        return bootstrapServers;
    }

    @Override
    public String apiUrl() {
        return apiUrl;
    }

    @Override
    public String apiToken() {
        return apiToken;
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public SystemCounters counters() {
        return SystemCounters.routedAndAttempted(() -> scrape.sum("webhook_deliveries_routed_total"),
                () -> scrape.sum("webhook_delivery_attempts_total"));
    }

    @Override
    public Optional<Set<String>> routedWebhooks(String workspaceId) {
        return Optional.empty();
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
