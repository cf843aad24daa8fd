package com.chatplugify.webhooks.router;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The router's Kafka Streams state for operators: one log line per change of state (a rebalance starts and ends,
 * the router stops or fails) and the gauge {@code webhook_router_running}, 1 while RUNNING, that the alert
 * {@code WebhooksRouterNotRunning} watches.
 */
final class RouterStateReporter implements KafkaStreams.StateListener, MeterBinder {

    private static final Logger log = LoggerFactory.getLogger(RouterStateReporter.class);

    private final Supplier<KafkaStreams.State> state;

    /** @param state the router's current state, read at each scrape */
    RouterStateReporter(Supplier<KafkaStreams.State> state) {
        this.state = state;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(WebhookMetrics.ROUTER_RUNNING, () -> state.get() == KafkaStreams.State.RUNNING ? 1 : 0)
                .description("1 while the router of this process is RUNNING, else 0")
                .register(registry);
    }

    @Override
    public void onChange(KafkaStreams.State newState, KafkaStreams.State oldState) {
        if (newState == KafkaStreams.State.ERROR || newState == KafkaStreams.State.PENDING_ERROR) {
            log.error("Router {} (was {}): its stream threads have stopped; restart it", newState, oldState);
        } else if (newState == KafkaStreams.State.REBALANCING) {
            log.info("Router REBALANCING (was {}): partitions move between router instances", oldState);
        } else {
            log.info("Router {} (was {})", newState, oldState);
        }
    }
}
