package com.chatplugify.webhooks.bench.system;

import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.app.StandaloneSystem;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/** A standalone system in the bench's own process: the embedded broker and the chosen roles. */
public final class InProcessSystem implements SystemUnderTest {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);

    private final StandaloneSystem system;
    private final int partitions;
    private final SystemCounters counters;

    private InProcessSystem(StandaloneSystem system, int partitions) {
        this.system = system;
        this.partitions = partitions;
        this.counters = SystemCounters.of(system.process().registry());
    }

    /** Starts the broker and the roles and waits until every readiness check passes. */
    public static InProcessSystem start(WebhooksConfig config, Set<Role> roles, Clock clock) throws InterruptedException {
        StandaloneSystem system = StandaloneSystem.start(config, roles, clock);
        if (!system.awaitReady(READY_TIMEOUT)) {
            String readiness = system.process().health().readiness().toString();
            system.close();
            throw new IllegalStateException("The system under test was not ready within " + READY_TIMEOUT.toSeconds()
                    + " s: " + readiness);
        }
        return new InProcessSystem(system, config.getInt(CommonConfig.TOPICS_PARTITIONS));
    }

    @Override
    public String bootstrapServers() {
        return system.bootstrapServers();
    }

    @Override
    public String apiUrl() {
        return system.baseUrl();
    }

    @Override
    public String apiToken() {
        return system.apiToken();
    }

    @Override
    public int partitions() {
        return partitions;
    }

    @Override
    public SystemCounters counters() {
        return counters;
    }

    @Override
    public Optional<Set<String>> routedWebhooks(String workspaceId) {
        return system.process().router().map(router -> router.webhooksOf(workspaceId));
    }

    @Override
    public void close() {
        system.close();
    }
}
