package com.chatplugify.webhooks.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.deliverer.engine.PartitionTracker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Duration;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class EndpointsTest {

    private static final EndpointLimits LIMITS = new EndpointLimits(16, 1000, Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(2));

    private final Endpoints endpoints = new Endpoints(LIMITS, CircuitBreakerConfig.ofDefaults());
    private final PartitionTracker revoked = new PartitionTracker(new TopicPartition("t", 0), 0);
    private final PartitionTracker kept = new PartitionTracker(new TopicPartition("t", 1), 0);

    @Test
    void shouldForgetOnlyTheEndpointsWhosePartitionsWereAllRevoked() {
        endpoints.with("webhook_moved", 0, endpoint -> {
            endpoint.offeredFrom(revoked);
            return null;
        });
        endpoints.with("webhook_kept", 0, endpoint -> {
            endpoint.offeredFrom(kept);
            return null;
        });
        revoked.revoke();

        assertThat(endpoints.forgetOrphaned()).containsExactly("webhook_moved");
        assertThat(endpoints.find("webhook_moved")).isEmpty();
        assertThat(endpoints.find("webhook_kept")).isPresent();
    }
}
