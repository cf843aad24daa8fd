package com.chatplugify.webhooks.router.topology;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Subscription;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.KTable;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * events ⋈ subscriptions → deliveries. Subscriptions (key = webhookId) are regrouped into one table row per
 * workspace; each valid event is joined with its workspace's row and fanned out to every webhook whose filters
 * select it, keyed by webhookId.
 */
public final class RoutingTopology {

    /** The state store holding each workspace's webhooks. */
    public static final String WORKSPACE_STORE = "subscriptions-by-workspace";

    private RoutingTopology() {
    }

    public static Topology build(RouterMetrics metrics) {
        JsonSerde<Subscription> subscriptionSerde = new JsonSerde<>(Subscription.class);
        JsonSerde<Event> eventSerde = new JsonSerde<>(Event.class);
        StreamsBuilder builder = new StreamsBuilder();

        KTable<String, WorkspaceSubscriptions> byWorkspace = builder
                .table(Topics.SUBSCRIPTIONS, Consumed.with(Serdes.String(), subscriptionSerde))
                .groupBy((webhookId, subscription) -> KeyValue.pair(subscription.workspaceId(), subscription),
                        Grouped.with("subscriptions-by-workspace", Serdes.String(), subscriptionSerde))
                .aggregate(WorkspaceSubscriptions::empty,
                        (workspaceId, subscription, row) -> row.with(subscription),
                        (workspaceId, subscription, row) -> row.without(subscription.id()),
                        Materialized.<String, WorkspaceSubscriptions, org.apache.kafka.streams.state.KeyValueStore<org.apache.kafka.common.utils.Bytes, byte[]>>as(WORKSPACE_STORE)
                                .withKeySerde(Serdes.String())
                                .withValueSerde(new JsonSerde<>(WorkspaceSubscriptions.class)));

        Map<String, KStream<String, ParsedEvent>> parsed = builder
                .stream(Topics.EVENTS, Consumed.with(Serdes.String(), Serdes.ByteArray()))
                .processValues(EventParser::new, Named.as("parse-event"))
                .split(Named.as("event-"))
                .branch((key, event) -> !event.valid(), Branched.as("invalid"))
                .branch((key, event) -> event.event().workspaceId().equals(key), Branched.as("keyed"))
                .defaultBranch(Branched.as("mis-keyed"));

        parsed.get("event-invalid")
                .processValues(() -> new InvalidEventHeaders(metrics), Named.as("explain-invalid"))
                .to(Topics.EVENTS_INVALID, Produced.with(Serdes.String(), Serdes.ByteArray()));

        KStream<String, Event> rekeyed = parsed.get("event-mis-keyed")
                .map((key, event) -> KeyValue.pair(event.event().workspaceId(), event.event()), Named.as("rekey-by-workspace"))
                .repartition(Repartitioned.with(Serdes.String(), eventSerde).withName("events-rekeyed"));
        KStream<String, Event> events = parsed.get("event-keyed")
                .mapValues(ParsedEvent::event, Named.as("keyed-event"))
                .merge(rekeyed, Named.as("all-events"));

        events.leftJoin(byWorkspace, RoutingTopology::fanOut)
                .flatMap((workspaceId, deliveries) -> {
                    if (deliveries.isEmpty()) {
                        metrics.unmatched();
                        return List.<KeyValue<String, Delivery>>of();
                    }
                    metrics.routed(deliveries.get(0).event().event(), deliveries.size());
                    return deliveries.stream().map(d -> KeyValue.pair(d.webhookId(), d)).toList();
                }, Named.as("fan-out"))
                .to(Topics.DELIVERIES, Produced.with(Serdes.String(), new JsonSerde<>(Delivery.class)));

        return builder.build();
    }

    private static List<Delivery> fanOut(Event event, WorkspaceSubscriptions subscriptions) {
        if (subscriptions == null) {
            return List.of();
        }
        return subscriptions.matching(event).stream()
                .map(subscription -> new Delivery(subscription.id(), event.workspaceId(), event))
                .toList();
    }
}
