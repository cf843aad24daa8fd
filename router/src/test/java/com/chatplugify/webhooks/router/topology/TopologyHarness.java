package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.router.RouterConfig;
import com.chatplugify.webhooks.common.subscriptions.RoutingAck;
import com.chatplugify.webhooks.router.RouterRole;
import com.chatplugify.webhooks.router.errors.WriteFailures;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

/** The router's topology in a {@link TopologyTestDriver}, configured as the router role configures it. */
final class TopologyHarness implements AutoCloseable {

    static final String APPLICATION_ID = "router-test";

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final TopologyTestDriver driver;
    final TestInputTopic<String, byte[]> events;
    final TestInputTopic<String, byte[]> subscriptions;
    final TestOutputTopic<String, Delivery> deliveries;
    final TestOutputTopic<String, byte[]> rawDeliveries;
    final TestOutputTopic<String, RoutingAck> acks;
    final TestOutputTopic<String, byte[]> invalidEvents;
    final TestOutputTopic<String, byte[]> invalidSubscriptions;

    TopologyHarness(Path stateDir, String processingGuarantee) {
        this(stateDir, processingGuarantee, 1);
    }

    /**
     * @param eventPartitions how many partitions the router is told the events topic has; the driver itself reads
     *                        every input from partition 0
     */
    TopologyHarness(Path stateDir, String processingGuarantee, int eventPartitions) {
        WebhooksConfig config = new WebhooksConfig(RouterConfig.define(CommonConfig.define(new ConfigDef())), Map.of(
                CommonConfig.DATA_DIR, stateDir.toString(),
                RouterConfig.APPLICATION_ID, APPLICATION_ID, RouterConfig.PROCESSING_GUARANTEE, processingGuarantee));
        RouterMetrics metrics = new RouterMetrics(registry);
        Properties properties = RouterRole.streamsProperties(config, metrics, new WriteFailures());
        EventPartitions partitions = new EventPartitions();
        partitions.count(eventPartitions);
        driver = new TopologyTestDriver(RoutingTopology.build(metrics, properties, partitions), properties);
        events = driver.createInputTopic(Topics.EVENTS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        subscriptions = driver.createInputTopic(Topics.SUBSCRIPTIONS, Serdes.String().serializer(), Serdes.ByteArray().serializer());
        deliveries = driver.createOutputTopic(Topics.DELIVERIES, Serdes.String().deserializer(), new JsonSerde<>(Delivery.class));
        rawDeliveries = driver.createOutputTopic(Topics.DELIVERIES, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        acks = driver.createOutputTopic(Topics.ROUTING_ACKS, Serdes.String().deserializer(), new JsonSerde<>(RoutingAck.class));
        invalidEvents = driver.createOutputTopic(Topics.EVENTS_INVALID, Serdes.String().deserializer(), Serdes.ByteArray().deserializer());
        invalidSubscriptions = driver.createOutputTopic(Topics.SUBSCRIPTIONS_INVALID, Serdes.String().deserializer(),
                Serdes.ByteArray().deserializer());
    }

    /** Publishes a subscription, keyed by its id as the API writes it. */
    void subscribe(String webhookId, String workspaceId, String... filters) {
        subscribe(webhookId, workspaceId, true, filters);
    }

    void subscribe(String webhookId, String workspaceId, boolean enabled, String... filters) {
        subscribe(webhookId, workspaceId, enabled, 1, filters);
    }

    void subscribe(String webhookId, String workspaceId, boolean enabled, long version, String... filters) {
        Map<String, Object> subscription = new LinkedHashMap<>();
        subscription.put("id", webhookId);
        subscription.put("workspaceId", workspaceId);
        subscription.put("url", "https://example.com/hooks/" + URLEncoder.encode(webhookId, StandardCharsets.UTF_8));
        subscription.put("events", List.of(filters));
        subscription.put("headers", Map.of("Authorization", "Bearer s3cr3t"));
        subscription.put("secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
        subscription.put("enabled", enabled);
        subscription.put("version", version);
        subscriptions.pipeInput(webhookId, Json.toBytes(subscription));
    }

    void unsubscribe(String webhookId) {
        subscriptions.pipeInput(webhookId, (byte[]) null);
    }

    /** Publishes an event of that type, keyed by {@code key}. */
    void publish(String key, String eventId, String type, String workspaceId) {
        events.pipeInput(key, event(eventId, type, workspaceId));
    }

    static byte[] event(String eventId, String type, String workspaceId) {
        return ("{\"id\":\"" + eventId + "\",\"event\":\"" + type + "\",\"timestamp\":\"2024-01-15T10:30:00Z\","
                + "\"workspaceId\":\"" + workspaceId + "\",\"data\":{\"id\":\"conv_123\",\"status\":\"active\"}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** The webhook ids the router's routes hold for a workspace. */
    java.util.Set<String> routesOf(String workspaceId) {
        return RoutingTopology.webhooksOf(driver.getKeyValueStore(RoutingTopology.WORKSPACE_ROUTES), workspaceId);
    }

    /** The (webhookId, eventId) pairs routed since the last call. */
    List<String> routed() {
        return deliveries.readRecordsToList().stream()
                .map(record -> record.key() + "<-" + record.value().event().id())
                .toList();
    }

    double counter(String name, String... tags) {
        Counter counter = registry.find(name).tags(tags).counter();
        return counter == null ? 0 : counter.count();
    }

    static String header(TestRecord<String, byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        driver.close();
    }
}
