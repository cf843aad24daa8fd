package com.chatplugify.webhooks.bench.drive;

import com.chatplugify.webhooks.bench.MicroClock;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The events the bench sends, as DESIGN.md shapes them: {@code chatplugify.events}, key = workspaceId, value = the
 * event JSON. Event ids are {@code <prefix>_<number>} (probes {@code <prefix>_p<attempt>x<workspace>}) so the receiver
 * can tally them; the data is a typical conversation object of about 200 bytes, without a {@code timestamp} key.
 */
public final class BenchEvents {

    private static final List<String> TYPES = List.of("conversation.created", "conversation.updated", "conversation.completed");
    /** The filter every bench webhook subscribes with; it selects every bench event. */
    public static final List<String> FILTER = List.of("conversation.*");

    private static final JsonSerde<Event> EVENTS = new JsonSerde<>(Event.class);
    private static final JsonSerde<Delivery> DELIVERIES = new JsonSerde<>(Delivery.class);
    private static final ObjectNode DATA = data();

    private BenchEvents() {
    }

    /** Events spread round-robin over the workspaces, each wanted by {@code fanout} webhooks. */
    public static Workload toEvents(String idPrefix, List<String> workspaceIds, int fanout) {
        return new Workload() {
            @Override
            public ProducerRecord<String, byte[]> record(long number, long timestampMicros) {
                String workspace = workspaceIds.get((int) (number % workspaceIds.size()));
                return eventRecord(event(idPrefix + "_" + number, number, workspace, timestampMicros));
            }

            @Override
            public int fanout() {
                return fanout;
            }

            @Override
            public long sequence(long number) {
                return number / workspaceIds.size();
            }
        };
    }

    /**
     * Events for two groups of workspaces (each wanted by one webhook) at weights {@code split} gives, interleaved
     * evenly; within a group, round-robin over its workspaces. The crowd scenario's healthy and bad endpoints.
     */
    public static Workload toTwoGroups(String idPrefix, List<String> first, List<String> second, EvenSplit split) {
        return new Workload() {
            @Override
            public ProducerRecord<String, byte[]> record(long number, long timestampMicros) {
                List<String> group = split.inSecond(number) ? second : first;
                String workspace = group.get((int) (split.indexInGroup(number) % group.size()));
                return eventRecord(event(idPrefix + "_" + number, number, workspace, timestampMicros));
            }

            @Override
            public int fanout() {
                return 1;
            }

            @Override
            public long sequence(long number) {
                return split.indexInGroup(number) / (split.inSecond(number) ? second : first).size();
            }
        };
    }

    /**
     * Deliveries written straight to {@code chatplugify.deliveries} (key = webhookId), one per webhook round-robin:
     * the deliverer's work without the router's.
     */
    public static Workload toDeliveries(String idPrefix, List<String> webhookIds, List<String> workspaceIds) {
        return new Workload() {
            @Override
            public ProducerRecord<String, byte[]> record(long number, long timestampMicros) {
                int slot = (int) (number % webhookIds.size());
                Event event = event(idPrefix + "_" + number, number, workspaceIds.get(slot), timestampMicros);
                Delivery delivery = new Delivery(webhookIds.get(slot), event.workspaceId(), event);
                return new ProducerRecord<>(Topics.DELIVERIES, delivery.webhookId(),
                        DELIVERIES.serialize(Topics.DELIVERIES, delivery));
            }

            @Override
            public int fanout() {
                return 1;
            }

            @Override
            public long sequence(long number) {
                return number / webhookIds.size();
            }
        };
    }

    /** A probe of one workspace: it reaches every webhook of the workspace once routing and delivery know them. */
    public static ProducerRecord<String, byte[]> probe(String idPrefix, int attempt, int workspace, String workspaceId,
                                                       long timestampMicros) {
        return eventRecord(event(idPrefix + "_p" + attempt + "x" + workspace, 0, workspaceId, timestampMicros));
    }

    private static Event event(String id, long number, String workspaceId, long timestampMicros) {
        return new Event(id, TYPES.get((int) (number % TYPES.size())), MicroClock.instant(timestampMicros), workspaceId, DATA);
    }

    private static ProducerRecord<String, byte[]> eventRecord(Event event) {
        return new ProducerRecord<>(Topics.EVENTS, event.workspaceId(), EVENTS.serialize(Topics.EVENTS, event));
    }

    private static ObjectNode data() {
        ObjectNode data = Json.mapper().createObjectNode();
        data.put("id", "conv_01HZX3K9QW8V2N5T7R4M6B1C0D");
        data.put("status", "active");
        data.put("channel", "web");
        data.put("assigneeId", "agent_42");
        data.put("subject", "Where is my order #48213?");
        data.putArray("tags").add("vip").add("orders");
        data.put("messages", 3);
        return data;
    }
}
