package com.chatplugify.webhooks.common.metrics;

import com.chatplugify.webhooks.common.concurrent.DaemonThreads;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.BiFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * A Kafka client's own metrics (consumer, producer, Kafka Streams) through Micrometer's Kafka binders, looked over
 * every {@link #REFRESH_INTERVAL} rather than Micrometer's 60 s. Kafka creates per-partition metrics such as
 * {@code records-lag} ({@code kafka_consumer_fetch_manager_records_lag{topic,partition}}) only once partitions are
 * assigned and fetched, and the binder registers them at its next look: with the default a new or rebalanced
 * instance would show no lag for up to a minute. Each look compares the client's metric names with the meters it
 * has, a few hundred map lookups.
 */
public final class KafkaClientMeters implements MeterBinder, AutoCloseable {

    /** How often new client metrics (partitions just assigned) become meters, and gone ones are removed. */
    public static final Duration REFRESH_INTERVAL = Duration.ofSeconds(10);

    private final MeterBinder binder;
    private final ScheduledExecutorService scheduler;

    private KafkaClientMeters(BiFunction<ScheduledExecutorService, Duration, ? extends MeterBinder> binder) {
        this.scheduler = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("kafka-client-meters"));
        this.binder = binder.apply(scheduler, REFRESH_INTERVAL);
    }

    public static KafkaClientMeters of(Consumer<?, ?> consumer) {
        return new KafkaClientMeters((scheduler, refresh) ->
                new KafkaClientMetrics(consumer, Tags.empty(), scheduler, refresh));
    }

    public static KafkaClientMeters of(Producer<?, ?> producer) {
        return new KafkaClientMeters((scheduler, refresh) ->
                new KafkaClientMetrics(producer, Tags.empty(), scheduler, refresh));
    }

    /**
     * Any of Micrometer's Kafka binders, built on the scheduler and refresh interval given, e.g.
     * {@code (scheduler, refresh) -> new KafkaStreamsMetrics(streams, Tags.empty(), scheduler, refresh)}.
     */
    public static KafkaClientMeters of(BiFunction<ScheduledExecutorService, Duration, ? extends MeterBinder> binder) {
        return new KafkaClientMeters(binder);
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        binder.bindTo(registry);
    }

    /** Stops the refresh and removes the client's meters. */
    @Override
    public void close() {
        scheduler.shutdownNow();
        if (binder instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Could not unbind Kafka client metrics", e);
            }
        }
    }
}
