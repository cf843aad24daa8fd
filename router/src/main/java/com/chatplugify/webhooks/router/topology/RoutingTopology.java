package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Event;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyConfig;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Joined;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * events ⋈ subscriptions → deliveries. Valid subscriptions (key = webhookId) are regrouped into one table row per
 * workspace; each valid event is joined with its workspace's row and fanned out to every webhook whose filters
 * select it, keyed by webhookId. Refused records of either input go to its invalid topic, with the reason.
 *
 * <p>Every internal topic and store is named here: the names are part of a deployed router's state, and must not
 * change when the topology does.
 */
public final class RoutingTopology {

    /** The store of each workspace's webhooks, queried by {@code RouterRole.webhooksOf}. */
    public static final String ROUTES_BY_WORKSPACE = "routes-by-workspace";
    /** The store of each webhook's route, keyed by webhook id: what a change or deletion replaces. */
    static final String ROUTES_BY_WEBHOOK = "routes-by-webhook";
    /** The repartition topic (after the application id) that carries mis-keyed events to their workspace. */
    static final String EVENTS_REKEYED = "events-rekeyed";
    private static final String PARSE_SUBSCRIPTION = "parse-subscription";

    private RoutingTopology() {
    }

    /**
     * The router's topology.
     *
     * @param streamsConfig the Kafka Streams properties the topology will run with (naming rules among them)
     */
    public static Topology build(RouterMetrics metrics, Properties streamsConfig) {
        StreamsBuilder builder = new StreamsBuilder(new TopologyConfig(new StreamsConfig(streamsConfig)));
        KTable<String, WorkspaceRoutes> routes = routesByWorkspace(builder, metrics);

        Map<String, KStream<String, ParsedEvent>> parsed = builder
                .stream(Topics.EVENTS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("events"))
                .processValues(EventParser::new, Named.as("parse-event"))
                .split(Named.as("event-"))
                .branch((key, event) -> !event.valid(), Branched.as("invalid"))
                .branch((key, event) -> event.event().workspaceId().equals(key), Branched.as("keyed"))
                .defaultBranch(Branched.as("mis-keyed"));

        parsed.get("event-invalid")
                .mapValues(ParsedEvent::refusal, Named.as("event-refusal"))
                .processValues(() -> new InvalidRecordWriter(metrics::invalidEvent), Named.as("explain-invalid-event"))
                .to(Topics.EVENTS_INVALID, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("invalid-events"));

        // Only mis-keyed events pay for the extra hop through a repartition topic.
        Serde<Event> eventSerde = new JsonSerde<>(Event.class);
        KStream<String, Event> rekeyed = parsed.get("event-mis-keyed")
                .map((key, event) -> KeyValue.pair(event.event().workspaceId(), event.event()), Named.as("rekey-by-workspace"))
                .repartition(Repartitioned.<String, Event>as(EVENTS_REKEYED).withKeySerde(Serdes.String()).withValueSerde(eventSerde));
        KStream<String, Event> events = parsed.get("event-keyed")
                .mapValues(ParsedEvent::event, Named.as("keyed-event"))
                .merge(rekeyed, Named.as("all-events"));

        events.leftJoin(routes, FanOut::route,
                        Joined.<String, Event, WorkspaceRoutes>as("route-event").withKeySerde(Serdes.String()).withValueSerde(eventSerde))
                .flatMap(new FanOut(metrics), Named.as("fan-out"))
                .to(Topics.DELIVERIES, Produced.with(Serdes.String(), new JsonSerde<>(EncodedDelivery.class)).withName("deliveries"));

        Topology topology = builder.build();
        // The parser reads the table it feeds, to tell a deletion from a tombstone for an id the table never held.
        topology.connectProcessorAndStateStores(PARSE_SUBSCRIPTION, ROUTES_BY_WEBHOOK);
        return topology;
    }

    /**
     * Subscriptions regrouped by workspace. A change of workspace moves the webhook from one row to the other;
     * a tombstone removes it; a row left empty is deleted.
     */
    private static KTable<String, WorkspaceRoutes> routesByWorkspace(StreamsBuilder builder, RouterMetrics metrics) {
        JsonSerde<WebhookRoute> routeSerde = new JsonSerde<>(WebhookRoute.class);
        Map<String, KStream<String, ParsedSubscription>> parsed = builder
                .stream(Topics.SUBSCRIPTIONS, Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("subscriptions"))
                .processValues(() -> new SubscriptionParser(metrics), Named.as(PARSE_SUBSCRIPTION))
                .split(Named.as("subscription-"))
                .branch((key, subscription) -> subscription.valid(), Branched.as("valid"))
                .defaultBranch(Branched.as("invalid"));

        parsed.get("subscription-invalid")
                .mapValues(ParsedSubscription::refusal, Named.as("subscription-refusal"))
                .processValues(() -> new InvalidRecordWriter(metrics::invalidSubscription), Named.as("explain-invalid-subscription"))
                .to(Topics.SUBSCRIPTIONS_INVALID, Produced.with(Serdes.String(), Serdes.ByteArray()).withName("invalid-subscriptions"));

        return parsed.get("subscription-valid")
                .mapValues(ParsedSubscription::route, Named.as("subscription-route"))
                .toTable(Named.as("routes-table"), Materialized.<String, WebhookRoute, KeyValueStore<Bytes, byte[]>>as(ROUTES_BY_WEBHOOK)
                        .withKeySerde(Serdes.String()).withValueSerde(routeSerde))
                .groupBy((webhookId, route) -> KeyValue.pair(route.workspaceId(), route),
                        Grouped.with(ROUTES_BY_WORKSPACE, Serdes.String(), routeSerde))
                .aggregate(WorkspaceRoutes::empty,
                        (workspaceId, route, row) -> row.with(route),
                        (workspaceId, route, row) -> {
                            WorkspaceRoutes rest = row.without(route.webhookId());
                            return rest.isEmpty() ? null : rest;
                        },
                        Named.as("collect-workspace-routes"),
                        Materialized.<String, WorkspaceRoutes, KeyValueStore<Bytes, byte[]>>as(ROUTES_BY_WORKSPACE)
                                .withKeySerde(Serdes.String()).withValueSerde(new JsonSerde<>(WorkspaceRoutes.class)));
    }

    /**
     * Where a record read from {@code sourceTopic} goes when the router cannot use it: the invalid topic of the
     * input it came from, directly or through one of the router's repartition topics.
     */
    public static String invalidTopicFor(String sourceTopic) {
        boolean subscription = Topics.SUBSCRIPTIONS.equals(sourceTopic)
                || sourceTopic != null && sourceTopic.endsWith("-" + ROUTES_BY_WORKSPACE + "-repartition");
        return subscription ? Topics.SUBSCRIPTIONS_INVALID : Topics.EVENTS_INVALID;
    }
}
