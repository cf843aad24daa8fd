package com.chatplugify.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams.State;
import org.junit.jupiter.api.Test;

class RouterStateReporterTest {

    @Test
    void shouldReportOneOnlyWhileTheRouterIsRunning() {
        AtomicReference<State> state = new AtomicReference<>(State.CREATED);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        RouterStateReporter reporter = new RouterStateReporter(state::get);
        reporter.bindTo(registry);

        assertThat(running(registry)).isZero();
        for (State next : new State[] {State.REBALANCING, State.RUNNING}) {
            reporter.onChange(next, state.getAndSet(next));
        }
        assertThat(running(registry)).isOne();

        reporter.onChange(State.PENDING_ERROR, state.getAndSet(State.PENDING_ERROR));
        assertThat(running(registry)).isZero();
    }

    private static double running(SimpleMeterRegistry registry) {
        return registry.get(WebhookMetrics.ROUTER_RUNNING).gauge().value();
    }
}
