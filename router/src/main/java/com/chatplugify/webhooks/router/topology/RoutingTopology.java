package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.subscriptions.RoutingAck;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * events ⋈ subscriptions → deliveries. Valid subscriptions (key = webhookId) become route changes keyed by
 * workspace, applied to a store holding one entry per webhook; each valid event is routed by a prefix scan of its
 * workspace's entries to every webhook whose filters select it, keyed by webhookId. Every subscription record is
 * acknowledged on {@code chatplugify.routing-acks} once applied. Refused records of either input go to its invalid
 * topic, with the reason.
 *
 * <p>Every internal topic and store is named here: the names are part of a deployed router's state, and must not
 * change when the topology does.
 */
public final class RoutingTopology {

    /** The store of routes by workspace (key {@link RouteKey}), queried by {@code RouterRole.webhooksOf}. */
    public static final String WORKSPACE_ROUTES = "workspace-routes";
    /** The store of each webhook's current route, keyed by webhook id: what tells a move or a deletion where from. */
    static final String WEBHOOK_ROUTES = "webhook-routes";
    /** The repartition topic (after the application id) that takes route changes to their workspace's task. */
    static final String ROUTE_CHANGES = "route-changes";
    /** The repartition topic (after the application id) that carries mis-keyed events to their workspace. */
    static final String EVENTS_REKEYED = "events-rekeyed";

    private RoutingTopology() {
    }

    /**
     * The router's topology.
     *
     * @param streamsConfig the Kafka Streams properties the topology will run with (naming rules among them)
     * @param partitions    the events topic's, known by the time the topology runs
     */
    public static Topology build(RouterMetrics metrics, Properties streamsConfig, EventPartitions partitions) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsConfig)));
        Serde<WebhookRoute> routeSerde = new JsonSerde<>(WebhookRoute.class);
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WEBHOOK_ROUTES),
                Serdes.String(), routeSerde));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(WORKSPACE_ROUTES),
                RouteKey.SERDE, routeSerde));

        routeChanges(builder, metrics)
                .process(RouteTableWriter::new, Named.as("apply-route-change"), WORKSPACE_ROUTES)
                .to(Topics.ROUTING_ACKS, Produced.with(Serdes.String(), new JsonSerde<>(RoutingAck.class))
                        .withName("routing-acks"));

        Map<String, KStream<String, ParsedEvent>> parsed = builder
                .stream(Topics.EVENTS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("events"))
                .processValues(EventParser::new, Named.as("parse-event"))
                .split(Named.as("event-"))
                .branch((key, event) -> !event.valid(), Branched.as("invalid"))
                .branch((key, event) -> event.event().workspaceId().equals(key)
                        && partitions.isHashedTo(key, event.partition()), Branched.as("keyed"))
                .defaultBranch(Branched.as("mis-keyed"));

        parsed.get("event-invalid")
                .mapValues(ParsedEvent::refusal, Named.as("event-refusal"))
                .processValues(() -> new InvalidRecordWriter(metrics::invalidEvent), Named.as("explain-invalid-event"))
                .to(Topics.EVENTS_INVALID, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("invalid-events"));

        // Only mis-keyed (or misplaced) events pay for the extra hop through a repartition topic.
        Serde<Event> eventSerde = new JsonSerde<>(Event.class);
        KStream<String, Event> rekeyed = parsed.get("event-mis-keyed")
                .peek((key, event) -> metrics.rekeyed(), Named.as("count-rekeyed"))
                .map((key, event) -> KeyValue.pair(event.event().workspaceId(), event.event()), Named.as("rekey-by-workspace"))
                .repartition(Repartitioned.<String, Event>as(EVENTS_REKEYED).withKeySerde(Serdes.String()).withValueSerde(eventSerde));
        parsed.get("event-keyed")
                .mapValues(ParsedEvent::event, Named.as("keyed-event"))
                .merge(rekeyed, Named.as("all-events"))
                .process(() -> new FanOut(metrics), Named.as("fan-out"), WORKSPACE_ROUTES)
                .to(Topics.DELIVERIES, Produced.with(Serdes.String(), new JsonSerde<>(EncodedDelivery.class)).withName("deliveries"));
        return builder.build();
    }

    /**
     * The subscriptions topic as route changes, keyed by the workspace they change and taken there through the
     * {@link #ROUTE_CHANGES} repartition topic; refused records also go to their invalid topic.
     */
    private static KStream<String, RouteChange> routeChanges(StreamsBuilder builder, RouterMetrics metrics) {
        KStream<String, ParsedSubscription> parsed = builder
                .stream(Topics.SUBSCRIPTIONS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("subscriptions"))
                .mapValues(SubscriptionParser::parse, Named.as("parse-subscription"));

        parsed.filterNot((key, subscription) -> subscription.valid(), Named.as("refused-subscription"))
                .mapValues(ParsedSubscription::refusal, Named.as("subscription-refusal"))
                .processValues(() -> new InvalidRecordWriter(metrics::invalidSubscription), Named.as("explain-invalid-subscription"))
                .to(Topics.SUBSCRIPTIONS_INVALID, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("invalid-subscriptions"));

        return parsed
                .process(() -> new RouteIndexer(metrics), Named.as("index-route"), WEBHOOK_ROUTES)
                .repartition(Repartitioned.<String, RouteChange>as(ROUTE_CHANGES).withKeySerde(Serdes.String())
                        .withValueSerde(new JsonSerde<>(RouteChange.class)));
    }

    /** The webhook ids a workspace's events are routed to, read from the {@link #WORKSPACE_ROUTES} store. */
    public static Set<String> webhooksOf(ReadOnlyKeyValueStore<RouteKey, WebhookRoute> routes, String workspaceId) {
        Set<String> webhookIds = new HashSet<>();
        try (KeyValueIterator<RouteKey, WebhookRoute> workspace = routes.prefixScan(workspaceId, RouteKey.PREFIX)) {
            workspace.forEachRemaining(entry -> webhookIds.add(entry.key.webhookId()));
        }
        return Set.copyOf(webhookIds);
    }

    /**
     * Where a record read from {@code sourceTopic} goes when the router cannot use it: the invalid topic of the
     * input it came from, directly or through one of the router's repartition topics.
     */
    public static String invalidTopicFor(String sourceTopic) {
        boolean subscription = Topics.SUBSCRIPTIONS.equals(sourceTopic)
                || sourceTopic != null && sourceTopic.endsWith("-" + ROUTE_CHANGES + "-repartition");
        return subscription ? Topics.SUBSCRIPTIONS_INVALID : Topics.EVENTS_INVALID;
    }
}
