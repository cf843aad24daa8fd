package com.chatplugify.webhooks.deliverer.health;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.common.operations.OperationalEventMetrics;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the {@link HealthTopology} beside the deliverer, as the Kafka Streams application
 * {@code <deliverer.group-id>-health}: its instances share the webhooks by partition, whatever the number of
 * deliverers, and keep what they know in changelogged stores, exactly once.
 */
public final class HealthWatch implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthWatch.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(1);
    /** Where the watch's state lives under {@code data.dir}. */
    private static final String STATE_DIR = "deliverer-health";
    /** Appended to {@code deliverer.group-id}: the application id, hence group, internal topics, transactional ids. */
    public static final String APPLICATION_SUFFIX = "-health";

    private final KafkaStreams streams;

    public HealthWatch(WebhooksConfig config, CommandCodec commands, MeterRegistry registry, HealthChecks health) {
        OperationalEventMetrics metrics = new OperationalEventMetrics(registry, List.of(
                OperationalEvent.WEBHOOK_FAILING, OperationalEvent.WEBHOOK_RECOVERED,
                OperationalEvent.DELIVERY_DEAD_LETTERED), List.of());
        this.streams = new KafkaStreams(HealthTopology.build(HealthOptions.from(config), commands, metrics),
                properties(config));
        // An infrastructure failure: a fresh thread resumes from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Health watch stream thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        health.addLiveness("deliverer-health", () -> streams.state().isRunningOrRebalancing()
                || streams.state() == KafkaStreams.State.CREATED
                ? HealthChecks.Status.up(streams.state().name())
                : HealthChecks.Status.down(streams.state().name()));
    }

    public HealthWatch start() {
        streams.start();
        return this;
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    @Override
    public void close() {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    /** The application id of the watch of deliverers in {@code deliverer.group-id}. */
    public static String applicationId(WebhooksConfig config) {
        return config.getString(DelivererConfig.GROUP_ID) + APPLICATION_SUFFIX;
    }

    static Properties properties(WebhooksConfig config) {
        Properties props = new Properties();
        props.putAll(config.kafkaClientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId(config));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.getShort(CommonConfig.TOPICS_REPLICATION_FACTOR));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.getPath(CommonConfig.DATA_DIR).resolve(STATE_DIR).toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        // A record that is not what its topic should hold is logged and skipped: the watch is advisory.
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        // It judges over minutes and reads every attempt: committing each second and fetching in bulk keeps it cheap
        // (its store's cache then writes a webhook's record once a second, not once an attempt).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, (int) COMMIT_INTERVAL.toMillis());
        KafkaClients.batchedFetch(props, COMMIT_INTERVAL);
        // Not waiting on an empty input partition: in Kafka 4.3 every such check formats log strings (a third of the
        // watch's thread flat out in the bench). A webhook's subscription is written before any attempt at it, so
        // only a watch catching up could read attempts before their subscription: it skips them, counting fewer
        // failures, never more.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        long sessionTimeout = config.getDuration(DelivererConfig.SESSION_TIMEOUT).toMillis();
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) sessionTimeout);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), (int) Math.min(3000, sessionTimeout / 3));
        return props;
    }
}
