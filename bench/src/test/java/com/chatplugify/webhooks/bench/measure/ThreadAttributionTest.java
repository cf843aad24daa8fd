package com.chatplugify.webhooks.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.router.RouterConfig;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ThreadAttributionTest {

    private final WebhooksConfig config = new ConfigSources(ConfigDefinitions.all()).load(null, Map.of(), Map.of());
    private final ThreadAttribution attribution = ThreadAttribution.of(config);

    @Test
    void shouldTellTheBenchsReceiverAndDriverFromTheBrokerAndTheRoles() {
        String router = config.getString(RouterConfig.APPLICATION_ID);
        String deliverer = config.getString(DelivererConfig.GROUP_ID);
        Map<String, Component> expected = Map.ofEntries(
                Map.entry("server-dispatch-1", Component.RECEIVER),
                Map.entry("server-listener-1", Component.RECEIVER),
                Map.entry("kafka-producer-network-thread | bench-driver", Component.DRIVER),
                Map.entry("bench-driver", Component.DRIVER),
                Map.entry("bench-naive-post-3", Component.BASELINE),
                Map.entry("bench-listener-2", Component.BASELINE),
                Map.entry("kafka-coordinator-heartbeat-thread | bench-listener-abc", Component.BASELINE),
                Map.entry("data-plane-kafka-request-handler-0", Component.BROKER),
                Map.entry("kafka-request-handler-1", Component.BROKER),
                Map.entry(router + "-0b6b3c1e-4a86-4d5e-9d1b-0f3c2a1e7e55-StreamThread-1", Component.ROUTER),
                Map.entry("kafka-producer-network-thread | " + router + "-0b6b3c1e-StreamThread-1-producer", Component.ROUTER),
                Map.entry("kafka-coordinator-heartbeat-thread | " + deliverer, Component.DELIVERER),
                Map.entry("delivery-worker-3", Component.DELIVERER),
                Map.entry(deliverer + "-health-a25b4aee-2db7-4359-8008-62d181540f8b-StreamThread-1", Component.DELIVERER),
                Map.entry("kafka-producer-network-thread | " + deliverer + "-health-a25b4aee-StreamThread-1-producer",
                        Component.DELIVERER),
                Map.entry(config.getString(IngestConfig.IDEMPOTENCY_APPLICATION_ID)
                        + "-70d68ff4-32b3-4810-9e42-708a247dc956-StateUpdater-1", Component.API),
                Map.entry("idempotency-answers", Component.API),
                Map.entry("JettyServerThreadPool-42", Component.API),
                Map.entry("subscription-view", Component.SHARED),
                Map.entry("C2 CompilerThread0", Component.JVM),
                Map.entry("Reference Handler", Component.JVM));

        expected.forEach((thread, component) -> assertThat(attribution.componentOf(thread)).as(thread).isEqualTo(component));
    }

    @Test
    void shouldLeaveAThreadNoRuleNamesUnattributedAndCountItInTheSystemUnderTest() {
        assertThat(attribution.componentOf("pool-7-thread-1")).isEqualTo(Component.UNATTRIBUTED);
        assertThat(Component.UNATTRIBUTED.inSystem()).isTrue();
        assertThat(Component.RECEIVER.inSystem()).isFalse();
        assertThat(Component.DRIVER.inSystem()).isFalse();
    }
}
