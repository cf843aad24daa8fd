package com.chatplugify.webhooks.router;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.metrics.KafkaClientMeters;
import com.chatplugify.webhooks.router.errors.DeadLetteringExceptionHandler;
import com.chatplugify.webhooks.router.errors.ResumingProductionExceptionHandler;
import com.chatplugify.webhooks.router.topology.RouterMetrics;
import com.chatplugify.webhooks.router.topology.RoutingTopology;
import com.chatplugify.webhooks.router.topology.WorkspaceRoutes;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router role's composition root: builds the topology, runs it, reports its health and metrics. */
public final class RouterRole implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RouterRole.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Where the router's state lives under {@code data.dir}. */
    private static final String STATE_DIR = "streams";

    private final KafkaStreams streams;
    private final KafkaClientMeters streamsMetrics;

    public RouterRole(WebhooksConfig config, MeterRegistry registry, HealthChecks health) {
        RouterMetrics metrics = new RouterMetrics(registry);
        Properties properties = streamsProperties(config, metrics);
        this.streams = new KafkaStreams(RoutingTopology.build(metrics, properties), properties);
        this.streamsMetrics = KafkaClientMeters.of((scheduler, refresh) ->
                new KafkaStreamsMetrics(streams, Tags.empty(), scheduler, refresh));
        streamsMetrics.bindTo(registry);
        RouterStateReporter stateReporter = new RouterStateReporter(streams::state);
        streams.setStateListener(stateReporter);
        stateReporter.bindTo(registry);
        // Bad records never reach this handler: the exception handlers set in streamsProperties dead-letter them.
        // What does is an infrastructure failure, after which a fresh thread resumes from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Router stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        health.addLiveness("router", () -> streams.state().isRunningOrRebalancing()
                || streams.state() == KafkaStreams.State.CREATED
                ? HealthChecks.Status.up(streams.state().name())
                : HealthChecks.Status.down(streams.state().name()));
        health.addReadiness("router", () -> streams.state() == KafkaStreams.State.RUNNING
                ? HealthChecks.Status.up("RUNNING")
                : HealthChecks.Status.down(streams.state().name()));
    }

    public RouterRole start() {
        streams.start();
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    /**
     * The webhook ids the router currently routes for a workspace, read from its table (an interactive query);
     * empty while the table is not queryable, e.g. during a rebalance, or when another instance holds it.
     */
    public Set<String> webhooksOf(String workspaceId) {
        try {
            ReadOnlyKeyValueStore<String, WorkspaceRoutes> store = streams.store(StoreQueryParameters.fromNameAndType(
                    RoutingTopology.ROUTES_BY_WORKSPACE, QueryableStoreTypes.keyValueStore()));
            WorkspaceRoutes row = store.get(workspaceId);
            return row == null ? Set.of() : row.webhookIds();
        } catch (InvalidStateStoreException e) {
            return Set.of();
        }
    }

    @Override
    public void close() {
        // Leaving the group lets a restarted or remaining instance take over at once, not after the session timeout.
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        streamsMetrics.close();
    }

    /** The Kafka Streams properties of a router with this configuration, reporting to {@code metrics}. */
    public static Properties streamsProperties(WebhooksConfig config, RouterMetrics metrics) {
        Properties props = new Properties();
        props.putAll(config.kafkaClientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(RouterConfig.APPLICATION_ID));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, config.getString(RouterConfig.PROCESSING_GUARANTEE));
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.getInt(RouterConfig.NUM_STANDBY_REPLICAS));
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.getInt(RouterConfig.NUM_STREAM_THREADS));
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, config.getDuration(RouterConfig.COMMIT_INTERVAL).toMillis());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.getShort(CommonConfig.TOPICS_REPLICATION_FACTOR));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.getPath(CommonConfig.DATA_DIR).resolve(STATE_DIR).toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // Waiting on empty input partitions buys the join little: a subscription change reaches the table through
        // another sub-topology and a commit whatever this says. And in Kafka 4.3 every check of an idle partition
        // formats log strings, which cost a tenth of the router's time in the benchmark.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);

        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetteringExceptionHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ResumingProductionExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(DeadLetteringExceptionHandler.METRICS_CONFIG, metrics);

        long sessionTimeout = config.getDuration(RouterConfig.SESSION_TIMEOUT).toMillis();
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionTimeout);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.min(3000, sessionTimeout / 3));
        props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), 2);
        return props;
    }
}
