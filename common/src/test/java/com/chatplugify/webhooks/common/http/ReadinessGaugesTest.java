package com.chatplugify.webhooks.common.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadinessGaugesTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final HealthChecks health = new HealthChecks();
    private final AtomicBoolean kafkaAnswers = new AtomicBoolean(true);
    private final AtomicInteger kafkaProbes = new AtomicInteger();
    private ReadinessGauges gauges;

    @AfterEach
    void stop() {
        gauges.close();
    }

    @Test
    void shouldShowOneGaugePerCheckThatFollowsItsLastResult() {
        addChecks();
        gauges = new ReadinessGauges(health).bindTo(registry).start(Duration.ofMillis(50));

        await().untilAsserted(() -> {
            assertThat(ready("kafka")).isEqualTo(1);
            assertThat(ready("deliverer")).isEqualTo(1);
        });
        kafkaAnswers.set(false);

        await().untilAsserted(() -> assertThat(ready("kafka")).isZero());
        assertThat(ready("deliverer")).isEqualTo(1);
        assertThat(registry.find(WebhookMetrics.READY).gauges()).extracting(g -> g.getId().getTag("check"))
                .containsExactlyInAnyOrder("kafka", "deliverer");
    }

    @Test
    void shouldReadTheLastResultWithoutRunningTheChecks() {
        addChecks();
        gauges = new ReadinessGauges(health).bindTo(registry);
        assertThat(ready("kafka")).as("before the first run").isZero();

        gauges.run();
        kafkaAnswers.set(false);

        assertThat(ready("kafka")).isEqualTo(1);
        assertThat(kafkaProbes).hasValue(1);
    }

    private void addChecks() {
        health.addReadiness("kafka", () -> {
            kafkaProbes.incrementAndGet();
            return kafkaAnswers.get() ? HealthChecks.Status.up("1 broker(s) reachable")
                    : HealthChecks.Status.down("no answer from kafka.bootstrap.servers=127.0.0.1:1 within 2s");
        });
        health.addLiveness("deliverer", () -> HealthChecks.Status.up("running"));
    }

    private double ready(String check) {
        return registry.get(WebhookMetrics.READY).tag("check", check).gauge().value();
    }
}
