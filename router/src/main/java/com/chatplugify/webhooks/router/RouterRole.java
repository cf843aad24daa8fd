package com.chatplugify.webhooks.router;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.metrics.KafkaClientMeters;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.router.errors.InvalidRecordExceptionHandler;
import com.chatplugify.webhooks.router.errors.ProductionFailureHandler;
import com.chatplugify.webhooks.router.errors.WriteFailures;
import com.chatplugify.webhooks.router.topology.EventPartitions;
import com.chatplugify.webhooks.router.topology.RouterMetrics;
import com.chatplugify.webhooks.router.topology.RoutingTopology;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The router role's composition root: builds the topology, runs it, reports its health and metrics. */
public final class RouterRole implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(RouterRole.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    /** Where the router's state lives under {@code data.dir}. */
    private static final String STATE_DIR = "streams";
    private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

    private final WebhooksConfig config;
    private final WriteFailures writeFailures = new WriteFailures();
    private final EventPartitions eventPartitions = new EventPartitions();
    private final KafkaStreams streams;
    private final KafkaClientMeters streamsMetrics;

    public RouterRole(WebhooksConfig config, MeterRegistry registry, HealthChecks health) {
        this.config = config;
        RouterMetrics metrics = new RouterMetrics(registry);
        Properties properties = streamsProperties(config, metrics, writeFailures);
        this.streams = new KafkaStreams(RoutingTopology.build(metrics, properties, eventPartitions), properties);
        this.streamsMetrics = KafkaClientMeters.of((scheduler, refresh) ->
                new KafkaStreamsMetrics(streams, Tags.empty(), scheduler, refresh));
        streamsMetrics.bindTo(registry);
        RouterStateReporter stateReporter = new RouterStateReporter(streams::state);
        streams.setStateListener(stateReporter);
        stateReporter.bindTo(registry);
        // Bad records never reach this handler: the exception handlers set in streamsProperties send them to the invalid topics.
        // A write the production handler gave up on would fail again in a fresh thread: the router stops instead.
        // What else does is an infrastructure failure, after which a fresh thread resumes from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            if (writeFailures.fatal().isPresent()) {
                log.error("Router stream thread failed on a write it cannot make; stopping the router", e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            }
            log.error("Router stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        health.addLiveness("router", () -> streams.state().isRunningOrRebalancing()
                || streams.state() == KafkaStreams.State.CREATED
                ? HealthChecks.Status.up(streams.state().name())
                : HealthChecks.Status.down(streams.state().name()));
        health.addReadiness("router", () -> streams.state() == KafkaStreams.State.RUNNING
                ? HealthChecks.Status.up("RUNNING")
                : HealthChecks.Status.down(writeFailures.fatal().map(what -> streams.state().name() + ": " + what)
                        .orElse(streams.state().name())));
    }

    /** Starts routing, once the inputs are known to be co-partitioned. */
    public RouterRole start() {
        try (Admin admin = Admin.create(KafkaClients.admin(config, "router-admin"))) {
            eventPartitions.count(checkCoPartitioned(admin));
        }
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
            return RoutingTopology.webhooksOf(streams.store(StoreQueryParameters.fromNameAndType(
                    RoutingTopology.WORKSPACE_ROUTES, QueryableStoreTypes.keyValueStore())), workspaceId);
        } catch (InvalidStateStoreException e) {
            return Set.of();
        }
    }

    /**
     * A workspace's events and its webhooks' routes meet in the task of one partition number: the events topic and
     * the subscriptions topic (whose partitions size the route-changes repartition topic) must have as many
     * partitions, or some events would be routed without their workspace's webhooks.
     *
     * @return how many they have
     */
    private static int checkCoPartitioned(Admin admin) {
        Map<String, TopicDescription> topics;
        try {
            topics = admin.describeTopics(List.of(Topics.EVENTS, Topics.SUBSCRIPTIONS)).allTopicNames()
                    .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while describing the router's input topics", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe the router's input topics: " + e.getMessage(), e);
        }
        int events = topics.get(Topics.EVENTS).partitions().size();
        int subscriptions = topics.get(Topics.SUBSCRIPTIONS).partitions().size();
        if (events != subscriptions) {
            throw new IllegalStateException("The router needs " + Topics.EVENTS + " (" + events + " partitions) and "
                    + Topics.SUBSCRIPTIONS + " (" + subscriptions + ") to have as many partitions, as "
                    + CommonConfig.TOPICS_PARTITIONS + " creates them");
        }
        return events;
    }

    @Override
    public void close() {
        // Leaving the group lets a restarted or remaining instance take over at once, not after the session timeout.
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
        streamsMetrics.close();
    }

    /**
     * The Kafka Streams properties of a router with this configuration, reporting to {@code metrics}, and to
     * {@code writeFailures} a write that stops it.
     */
    public static Properties streamsProperties(WebhooksConfig config, RouterMetrics metrics, WriteFailures writeFailures) {
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
        // Waiting on empty input partitions buys the routing nothing: a subscription change reaches the routes through
        // another sub-topology whatever this says, and an API write waits for its acknowledgement instead. And in
        // Kafka 4.3 every check of an idle partition formats log strings, a tenth of the router's time in the bench.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);

        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, InvalidRecordExceptionHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, InvalidRecordExceptionHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, ProductionFailureHandler.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(InvalidRecordExceptionHandler.METRICS_CONFIG, metrics);
        props.put(WriteFailures.CONFIG, writeFailures);

        long sessionTimeout = config.getDuration(RouterConfig.SESSION_TIMEOUT).toMillis();
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionTimeout);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.min(3000, sessionTimeout / 3));
        // Under at_least_once Streams would read what transactions aborted: the subscriptions' owner aborts some of
        // its writes, and upstream producers may be transactional. Exactly-once sets it anyway.
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.ISOLATION_LEVEL_CONFIG), "read_committed");
        KafkaClients.batchedFetch(props, KafkaClients.PIPELINE_FETCH_MAX_WAIT);
        // Streams' own default (100 ms) would hold every routed delivery that long under at_least_once. Under
        // exactly_once_v2 a delivery becomes visible only at the commit, which sends what lingers: there the default
        // costs nothing and gathers each commit's deliveries into fewer writes.
        if (!props.containsKey(ProducerConfig.LINGER_MS_CONFIG)
                && !StreamsConfig.EXACTLY_ONCE_V2.equals(props.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG))) {
            props.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), KafkaClients.LINGER_MS);
        }
        return props;
    }
}
