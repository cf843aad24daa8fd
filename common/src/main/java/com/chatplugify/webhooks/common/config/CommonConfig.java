package com.chatplugify.webhooks.common.config;

import static org.apache.kafka.common.config.ConfigDef.Importance.HIGH;
import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;
import static org.apache.kafka.common.config.ConfigDef.Importance.MEDIUM;

import java.time.Duration;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/** Configuration keys every role shares: where Kafka is, the HTTP port, the data folder and the topics. */
public final class CommonConfig {

    public static final String KAFKA_BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String DATA_DIR = "data.dir";
    public static final String HTTP_HOST = "http.host";
    public static final String HTTP_PORT = "http.port";
    public static final String API_TOKEN = "api.token";
    public static final String TOPICS_PARTITIONS = "topics.partitions";
    public static final String TOPICS_REPLICATION_FACTOR = "topics.replication-factor";
    public static final String TOPICS_EVENTS_RETENTION = "topics.events.retention";
    public static final String TOPICS_RETRY_RETENTION = "topics.retry.retention";
    public static final String TOPICS_DLQ_RETENTION = "topics.dlq.retention";
    public static final String TOPICS_INVALID_RETENTION = "topics.invalid.retention";
    public static final String TOPICS_ATTEMPTS_RETENTION = "topics.attempts.retention";
    public static final String DELIVERY_RETRY_DELAYS = "delivery.retry.delays";
    public static final String DELIVERY_ALLOW_HTTP = "delivery.allow-http";
    public static final String DELIVERY_ALLOW_PRIVATE_ADDRESSES = "delivery.allow-private-addresses";
    public static final String SECRETS_KEY = "secrets.key";
    public static final String SECRETS_PREVIOUS_KEYS = "secrets.previous-keys";

    private CommonConfig() {
    }

    /**
     * Refuses retry delays that {@code topics.retry.retention} would not outlast: a delivery waits in its tier for the
     * tier's delay, and retention may delete it before it is due, without a dead letter.
     *
     * @throws ConfigException naming both keys and their values
     */
    public static void checkRetryRetention(WebhooksConfig config) {
        Duration longest = config.getDurations(DELIVERY_RETRY_DELAYS).stream().max(Duration::compareTo).orElseThrow();
        requireShorterThanRetryRetention(config, DELIVERY_RETRY_DELAYS, longest, "its longest delay");
    }

    /**
     * Refuses a duration a delivery may wait in chatplugify.deliveries or a retry tier that {@code topics.retry.retention}
     * would not outlast.
     *
     * @param what what {@code value} is of {@code key}, for the message (e.g. "its longest delay"), or null
     * @throws ConfigException naming {@code key}, {@code topics.retry.retention} and their values
     */
    public static void requireShorterThanRetryRetention(WebhooksConfig config, String key, Duration value, String what) {
        Duration retention = config.getDuration(TOPICS_RETRY_RETENTION);
        if (value.compareTo(retention) >= 0) {
            throw new ConfigException(key + (what == null ? "" : " (" + what + ")") + " is "
                    + Durations.format(value) + ", not shorter than " + TOPICS_RETRY_RETENTION + " = "
                    + Durations.format(retention) + ": a delivery waiting that long in chatplugify.deliveries or a retry "
                    + "tier could be deleted by retention before it is due, without a dead letter. Shorten " + key
                    + " or lengthen " + TOPICS_RETRY_RETENTION + ".");
        }
    }

    /** Adds the shared keys to {@code definition} and returns it. */
    public static ConfigDef define(ConfigDef definition) {
        return definition
                .define(KAFKA_BOOTSTRAP_SERVERS, Type.STRING, "127.0.0.1:9092", new ConfigDef.NonEmptyString(), HIGH,
                        "Kafka brokers to connect to, host:port[,host:port...]. In standalone mode the embedded "
                                + "broker listens here, so it must be a single address of this machine.")
                .define(DATA_DIR, Type.STRING, "./data", new ConfigDef.NonEmptyString(), HIGH,
                        "Folder for state kept across restarts: the embedded broker's log, the generated API token, "
                                + "Kafka Streams state. One process per folder: a running process holds "
                                + "data.dir/webhooks.lock, and another one started on the same folder stops at start-up, "
                                + "so each process on a machine needs its own.")
                .define(HTTP_HOST, Type.STRING, "127.0.0.1", new ConfigDef.NonEmptyString(), MEDIUM,
                        "Address the HTTP server binds to (API, /metrics, /health, /ready). 0.0.0.0 in containers.")
                .define(HTTP_PORT, Type.INT, 8080, Range.between(0, 65535), HIGH,
                        "Port of the HTTP server; 0 picks a free one.")
                .define(API_TOKEN, Type.PASSWORD, null, ConfigValidators.nonBlankSecret(), MEDIUM,
                        "Bearer token the /v1 API requires. Standalone generates one under data.dir when unset; "
                                + "the ingest role alone requires it. An empty or blank value refuses to start.")
                .define(SECRETS_KEY, Type.PASSWORD, null, ConfigValidators.secretKeys(false), HIGH,
                        "AES-256 key that encrypts webhook secrets and custom header values in the subscriptions "
                                + "topic: <id>:<base64 of 32 random bytes>, e.g. k1:$(openssl rand -base64 32). Required "
                                + "by ingest and deliverer (the same on every instance), not by the router; standalone "
                                + "generates one under data.dir when unset.")
                .define(SECRETS_PREVIOUS_KEYS, Type.PASSWORD, null, ConfigValidators.secretKeys(true), MEDIUM,
                        "Earlier values of secrets.key, comma-separated, kept to decrypt what was written with them "
                                + "until every webhook has been written again with the current key.")
                .define(TOPICS_PARTITIONS, Type.INT, 6, Range.atLeast(1), MEDIUM,
                        "Partitions of each topic created at start-up (existing topics are left as they are). "
                                + "Bounds how many router and deliverer instances share the work.")
                .define(TOPICS_REPLICATION_FACTOR, Type.SHORT, (short) -1, Range.between(-1, 32), MEDIUM,
                        "Replication factor of created topics; -1 takes the broker's default.replication.factor.")
                .define(TOPICS_EVENTS_RETENTION, Type.STRING, "7d", ConfigValidators.duration(Duration.ofMinutes(1)),
                        LOW, "How long chatplugify.events keeps events.")
                .define(TOPICS_RETRY_RETENTION, Type.STRING, "7d", ConfigValidators.duration(Duration.ofHours(1)),
                        LOW, "How long the retry tiers and chatplugify.deliveries keep records. It must be longer "
                                + "than the longest of delivery.retry.delays, than delivery.retry-after.max and than "
                                + "delivery.max-age (start-up refuses it otherwise): a delivery waits in these topics up "
                                + "to that long, and one deleted by retention is lost without a dead letter. Leave room "
                                + "for any deliverer outage you want to ride out on top. It applies to topics created "
                                + "at start-up: raise retention.ms of existing ones yourself (kafka-configs --alter, or "
                                + "the KafkaTopic resources) before raising the others; a deliverer does not start "
                                + "while one of them keeps records no longer than those waits.")
                .define(TOPICS_DLQ_RETENTION, Type.STRING, "30d", ConfigValidators.duration(Duration.ofHours(1)),
                        LOW, "How long chatplugify.deliveries.dlq keeps dead letters for inspection and replay, and "
                                + "chatplugify.operational-events the events that explain them.")
                .define(TOPICS_INVALID_RETENTION, Type.STRING, "14d", ConfigValidators.duration(Duration.ofHours(1)),
                        LOW, "How long chatplugify.events.invalid keeps refused records.")
                .define(TOPICS_ATTEMPTS_RETENTION, Type.STRING, "7d", ConfigValidators.duration(Duration.ofHours(1)),
                        LOW, "How long chatplugify.delivery-attempts keeps the delivery history.")
                .define(DELIVERY_RETRY_DELAYS, Type.LIST, "10s,1m,10m",
                        ConfigValidators.durationList(Duration.ofMillis(100), 10), HIGH,
                        "Delay before each retry; one retry tier topic (chatplugify.deliveries.retry-N) per entry. "
                                + "A delivery that fails once more after the last goes to the dead-letter topic. Each "
                                + "must be shorter than topics.retry.retention. "
                                + "The list may be shortened: deliverers keep consuming the tier topics it no longer "
                                + "names, whose deliveries come back when due and go on under the new list; delete "
                                + "such a topic once webhook_retry_backlog of its tier is 0 on every deliverer.")
                .define(DELIVERY_ALLOW_HTTP, Type.BOOLEAN, false, HIGH,
                        "Permit plain http:// endpoints. Off, only https:// URLs are accepted and delivered to.")
                .define(DELIVERY_ALLOW_PRIVATE_ADDRESSES, Type.BOOLEAN, false, HIGH,
                        "Permit endpoints on addresses that are not globally reachable in the IANA special-purpose "
                                + "registries (loopback, private, link-local, CGNAT, cloud-metadata, documentation, 6to4, "
                                + "Teredo, ...) or multicast. Off, "
                                + "the API refuses such literal IPs and delivery refuses hostnames resolving to them, "
                                + "checked at connect time (SSRF guard).");
    }
}
