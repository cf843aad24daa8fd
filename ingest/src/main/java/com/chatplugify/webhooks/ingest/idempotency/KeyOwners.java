package com.chatplugify.webhooks.ingest.idempotency;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.ingest.IngestConfig;
import java.time.Clock;
import java.time.Duration;
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
 * This instance's share of the idempotency keys' owners: the {@link IdempotencyTopology} run by Kafka Streams in the
 * group {@code ingest.idempotency.application-id}, exactly once, so each partition of keys has one owner at a time
 * and a key's record, the answer and the command's offset commit together. The keys live in local stores under
 * {@code data.dir} and in their changelog topics, from which an instance that takes a partition over restores them.
 */
public final class KeyOwners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KeyOwners.class);
    private static final String STATE_DIR = "idempotency";
    /** Answers become visible at each commit: calls wait about this long for each of their two steps. */
    private static final Duration COMMIT_INTERVAL = Duration.ofMillis(20);
    /** A killed instance's keys move to another one after this. */
    private static final Duration SESSION_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(10);

    private final KafkaStreams streams;
    private volatile boolean assigned;

    private KeyOwners(KafkaStreams streams) {
        this.streams = streams;
        streams.setStateListener((now, before) -> assigned |= now == KafkaStreams.State.RUNNING);
    }

    public static KeyOwners create(WebhooksConfig config, Clock clock) {
        KafkaStreams streams = new KafkaStreams(IdempotencyTopology.build(clock), properties(config));
        // An unexpected failure of the owner's thread (the broker, not a command: unreadable ones are skipped);
        // a fresh thread resumes from the last commit.
        streams.setUncaughtExceptionHandler(e -> {
            log.error("Idempotency key owner thread failed; replacing it", e);
            return StreamThreadExceptionResponse.REPLACE_THREAD;
        });
        return new KeyOwners(streams);
    }

    public KeyOwners start() {
        streams.start();
        return this;
    }

    /**
     * Readiness: the owners have had their first assignment and run. A later rebalance (an instance joins or leaves)
     * leaves every instance ready: calls with a key wait for it, and an instance that went unready then would take
     * every instance out of service at each rolling update.
     */
    public HealthChecks.Status readiness() {
        KafkaStreams.State state = streams.state();
        return assigned && state.isRunningOrRebalancing()
                ? HealthChecks.Status.up(state.name())
                : HealthChecks.Status.down(assigned ? state.name() : "joining its group: " + state.name());
    }

    public HealthChecks.Status liveness() {
        KafkaStreams.State state = streams.state();
        return state.isRunningOrRebalancing() || state == KafkaStreams.State.CREATED
                ? HealthChecks.Status.up(state.name()) : HealthChecks.Status.down(state.name());
    }

    @Override
    public void close() {
        streams.close(CloseOptions.timeout(CLOSE_TIMEOUT)
                .withGroupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP));
    }

    private static Properties properties(WebhooksConfig config) {
        Properties props = new Properties();
        props.putAll(config.kafkaClientProperties());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, config.getString(IngestConfig.IDEMPOTENCY_APPLICATION_ID));
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL.toMillis());
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.getShort(CommonConfig.TOPICS_REPLICATION_FACTOR));
        props.put(StreamsConfig.STATE_DIR_CONFIG, config.getPath(CommonConfig.DATA_DIR).resolve(STATE_DIR).toString());
        props.put(StreamsConfig.ENSURE_EXPLICIT_INTERNAL_RESOURCE_NAMING_CONFIG, true);
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // A command no owner can read has no caller left to answer (it gave up at the command's expiry).
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LogAndContinueExceptionHandler.class);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG), (int) SESSION_TIMEOUT.toMillis());
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG), 3000);
        props.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        return props;
    }
}
