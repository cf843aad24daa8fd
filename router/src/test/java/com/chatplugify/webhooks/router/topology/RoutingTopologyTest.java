package com.chatplugify.webhooks.router.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.subscriptions.RoutingAck;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The routing rules: filters, fan-out, workspace isolation and every kind of subscription change. */
class RoutingTopologyTest {

    @TempDir
    Path stateDir;
    private TopologyHarness router;

    @BeforeEach
    void start() {
        router = new TopologyHarness(stateDir, StreamsConfig.EXACTLY_ONCE_V2);
    }

    @AfterEach
    void stop() {
        router.close();
    }

    @Test
    void shouldFanAnEventOutToEveryWebhookWhoseFilterSelectsIt() {
        router.subscribe("webhook_exact", "ws_1", "conversation.created");
        router.subscribe("webhook_family", "ws_1", "conversation.*");
        router.subscribe("webhook_all", "ws_1", "*");
        router.subscribe("webhook_other_type", "ws_1", "conversation.updated", "task.*");

        router.publish("ws_1", "evt_1", "conversation.created", "ws_1");

        assertThat(router.routed()).containsExactlyInAnyOrder(
                "webhook_exact<-evt_1", "webhook_family<-evt_1", "webhook_all<-evt_1");
        assertThat(router.counter(WebhookMetrics.DELIVERIES_ROUTED, "event", "conversation.created")).isEqualTo(3);
    }

    @Test
    void shouldWriteTheWholeEventKeyedByWebhookId() {
        router.subscribe("webhook_a", "ws_1", "task.*");

        router.publish("ws_1", "evt_1", "task.created", "ws_1");

        Delivery delivery = router.deliveries.readValue();
        assertThat(delivery.webhookId()).isEqualTo("webhook_a");
        assertThat(delivery.workspaceId()).isEqualTo("ws_1");
        assertThat(delivery.event().id()).isEqualTo("evt_1");
        assertThat(delivery.event().event()).isEqualTo("task.created");
        assertThat(delivery.event().data().get("id").textValue()).isEqualTo("conv_123");
    }

    @Test
    void shouldNotMatchAFamilyByPrefixAlone() {
        router.subscribe("webhook_tasks", "ws_1", "task.*");
        router.subscribe("webhook_contact", "ws_1", "contact.created");

        router.publish("ws_1", "evt_1", "contact.updated", "ws_1");
        router.publish("ws_1", "evt_2", "task.deleted", "ws_1");

        assertThat(router.routed()).containsExactly("webhook_tasks<-evt_2");
    }

    @Test
    void shouldNeverRouteAnEventToAnotherWorkspacesWebhooks() {
        router.subscribe("webhook_a", "ws_a", "*");
        router.subscribe("webhook_b", "ws_b", "*");

        router.publish("ws_a", "evt_a", "order.requested", "ws_a");
        router.publish("ws_b", "evt_b", "order.requested", "ws_b");

        assertThat(router.routed()).containsExactly("webhook_a<-evt_a", "webhook_b<-evt_b");
    }

    @Test
    void shouldRouteToDisabledWebhooksSoThatNothingIsLostToALaterReplay() {
        router.subscribe("webhook_off", "ws_1", false, "*");

        router.publish("ws_1", "evt_1", "contact.created", "ws_1");

        assertThat(router.routed()).containsExactly("webhook_off<-evt_1");
    }

    @Test
    void shouldApplyAChangedFilterToLaterEvents() {
        router.subscribe("webhook_a", "ws_1", "task.created");
        router.publish("ws_1", "evt_1", "task.created", "ws_1");

        router.subscribe("webhook_a", "ws_1", "task.completed");
        router.publish("ws_1", "evt_2", "task.created", "ws_1");
        router.publish("ws_1", "evt_3", "task.completed", "ws_1");

        assertThat(router.routed()).containsExactly("webhook_a<-evt_1", "webhook_a<-evt_3");
    }

    @Test
    void shouldStopRoutingToADeletedWebhook() {
        router.subscribe("webhook_a", "ws_1", "*");
        router.subscribe("webhook_b", "ws_1", "*");

        router.unsubscribe("webhook_a");
        router.publish("ws_1", "evt_1", "task.created", "ws_1");

        assertThat(router.routed()).containsExactly("webhook_b<-evt_1");
    }

    @Test
    void shouldMoveAWebhookToItsNewWorkspace() {
        router.subscribe("webhook_a", "ws_old", "*");

        router.subscribe("webhook_a", "ws_new", "*");
        router.publish("ws_old", "evt_old", "task.created", "ws_old");
        router.publish("ws_new", "evt_new", "task.created", "ws_new");

        assertThat(router.routed()).containsExactly("webhook_a<-evt_new");
        assertThat(router.routesOf("ws_old")).isEmpty();
        assertThat(router.routesOf("ws_new")).containsExactly("webhook_a");
    }

    @Test
    void shouldForgetAWorkspaceWithItsLastWebhook() {
        router.subscribe("webhook_a", "ws_1", "*");
        router.subscribe("webhook_b", "ws_1", "*");
        assertThat(router.routesOf("ws_1")).containsExactlyInAnyOrder("webhook_a", "webhook_b");

        router.unsubscribe("webhook_a");
        router.unsubscribe("webhook_b");

        assertThat(router.routesOf("ws_1")).isEmpty();
    }

    @Test
    void shouldIgnoreATombstoneForAnUnknownWebhook() {
        router.subscribe("webhook_a", "ws_1", "*");

        router.unsubscribe("webhook_unknown");
        router.publish("ws_1", "evt_1", "task.created", "ws_1");

        assertThat(router.routed()).containsExactly("webhook_a<-evt_1");
        assertThat(router.invalidSubscriptions.isEmpty()).isTrue();
    }

    @Test
    void shouldCountAndDropEventsThatNoWebhookWants() {
        router.subscribe("webhook_a", "ws_1", "task.*");

        router.publish("ws_none", "evt_1", "task.created", "ws_none");
        router.publish("ws_1", "evt_2", "contact.created", "ws_1");

        assertThat(router.deliveries.isEmpty()).isTrue();
        assertThat(router.counter(WebhookMetrics.EVENTS_UNMATCHED)).isEqualTo(2);
    }

    @Test
    void shouldRekeyMisKeyedEventsThroughTheRepartitionTopicOnly() {
        router.subscribe("webhook_a", "ws_1", "*");
        String repartition = TopologyHarness.APPLICATION_ID + "-" + RoutingTopology.EVENTS_REKEYED + "-repartition";

        router.publish("ws_1", "evt_keyed", "task.created", "ws_1");
        assertThat(router.driver.producedTopicNames()).doesNotContain(repartition);

        router.publish("ws_2", "evt_wrong_key", "task.created", "ws_1");
        router.publish(null, "evt_no_key", "task.created", "ws_1");

        assertThat(router.driver.producedTopicNames()).contains(repartition);
        assertThat(router.routed()).containsExactly("webhook_a<-evt_keyed", "webhook_a<-evt_wrong_key", "webhook_a<-evt_no_key");
        assertThat(router.counter(WebhookMetrics.EVENTS_REKEYED)).isEqualTo(2);
    }

    @Test
    void shouldRekeyAnEventKeyedByItsWorkspaceButReadFromAnotherPartitionThanItsKeyHashesTo(@TempDir Path otherDir) {
        router.close();
        router = new TopologyHarness(otherDir, StreamsConfig.EXACTLY_ONCE_V2, 2);
        // The driver reads every input from partition 0; of two partitions, murmur2 puts "ws_1" on 0 and "ws_2" on 1.
        assertThat(List.of(partition("ws_1", 2), partition("ws_2", 2))).containsExactly(0, 1);
        router.subscribe("webhook_a", "ws_1", "*");
        router.subscribe("webhook_b", "ws_2", "*");

        router.publish("ws_1", "evt_in_place", "task.created", "ws_1");
        router.publish("ws_2", "evt_misplaced", "task.created", "ws_2");

        assertThat(router.routed()).containsExactly("webhook_a<-evt_in_place", "webhook_b<-evt_misplaced");
        assertThat(router.counter(WebhookMetrics.EVENTS_REKEYED)).isEqualTo(1);
    }

    @Test
    void shouldStampDeliveriesWithTheTimeTheyAreRoutedNotTheEventRecordsTime() {
        router.subscribe("webhook_a", "ws_1", "*");

        router.events.pipeInput("ws_1", TopologyHarness.event("evt_old", "task.created", "ws_1"),
                Instant.now().minus(Duration.ofDays(4)));

        // The driver's wall clock stands where it was when the driver was made, moments ago.
        TestRecord<String, byte[]> delivery = router.rawDeliveries.readRecord();
        assertThat(delivery.getRecordTime()).isCloseTo(Instant.now(), within(1, ChronoUnit.MINUTES));
    }

    private static int partition(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Test
    void shouldGiveAnEventWithoutIdOneDerivedFromItsRecord() {
        router.subscribe("webhook_a", "ws_1", "*");
        byte[] withoutId = "{\"event\":\"task.created\",\"workspaceId\":\"ws_1\",\"data\":{}}".getBytes();

        router.events.pipeInput("ws_1", withoutId);
        router.events.pipeInput("ws_1", withoutId);

        List<Delivery> deliveries = router.deliveries.readValuesToList();
        assertThat(deliveries).hasSize(2);
        assertThat(deliveries.get(0).event().id()).startsWith("evt_").isNotEqualTo(deliveries.get(1).event().id());
        assertThat(deliveries.get(0).event().timestamp()).isNotNull();
    }

    @Test
    void shouldRouteToEveryWebhookOfAWorkspaceOfTenThousand() {
        List<String> webhookIds = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            webhookIds.add("webhook_" + i);
            router.subscribe("webhook_" + i, "ws_big", "*");
        }
        router.subscribe("webhook_elsewhere", "ws_big_other", "*");

        router.publish("ws_big", "evt_1", "task.created", "ws_big");

        assertThat(router.deliveries.readKeyValuesToList()).extracting(record -> record.key)
                .containsExactlyInAnyOrderElementsOf(webhookIds);
    }

    @Test
    void shouldAcknowledgeEachSubscriptionRecordOnceItsChangeIsApplied() {
        router.subscribe("webhook_a", "ws_1", true, 1, "*");
        router.subscribe("webhook_a", "ws_2", true, 2, "*");
        router.unsubscribe("webhook_a");
        router.unsubscribe("webhook_unknown");
        router.subscriptions.pipeInput("webhook_bad", "not json".getBytes(StandardCharsets.UTF_8));

        assertThat(router.acks.readValuesToList()).containsExactly(
                new RoutingAck("webhook_a", 1, 0, 0, RoutingAck.Status.ROUTED),
                new RoutingAck("webhook_a", 2, 0, 1, RoutingAck.Status.ROUTED),
                new RoutingAck("webhook_a", 0, 0, 2, RoutingAck.Status.ROUTED),
                new RoutingAck("webhook_unknown", 0, 0, 3, RoutingAck.Status.ROUTED),
                new RoutingAck("webhook_bad", 0, 0, 4, RoutingAck.Status.REFUSED));
        assertThat(router.routesOf("ws_1")).isEmpty();
        assertThat(router.routesOf("ws_2")).isEmpty();
    }

    @Test
    void shouldKeepTheHeadersAnUpstreamProducerSetOffTheDeliveries() {
        router.subscribe("webhook_a", "ws_1", "*");
        Headers forged = new RecordHeaders()
                .add(DeliveryHeaders.ATTEMPTS, "3".getBytes(StandardCharsets.UTF_8))
                .add(DeliveryHeaders.DUE_AT, "0".getBytes(StandardCharsets.UTF_8))
                .add(DeliveryHeaders.REPLAY_OF, "0-1".getBytes(StandardCharsets.UTF_8))
                .add("traceparent", "00-abc".getBytes(StandardCharsets.UTF_8));

        router.events.pipeInput(new TestRecord<>("ws_1", TopologyHarness.event("evt_1", "task.created", "ws_1"), forged));
        router.events.pipeInput(new TestRecord<>("ws_other", TopologyHarness.event("evt_2", "task.created", "ws_1"), forged));

        List<TestRecord<String, Delivery>> deliveries = router.deliveries.readRecordsToList();
        assertThat(deliveries).hasSize(2).allSatisfy(delivery -> assertThat(delivery.headers().toArray()).isEmpty());
    }

    @Test
    void shouldWriteEachDeliveryExactlyAsTheDeliveryRecordIsWritten() throws Exception {
        router.subscribe("webhook_a", "ws_\\1", "*");
        router.subscribe("webhook_\"b\"", "ws_\\1", "order.*");
        byte[] event = ("{\"id\":\"evt_\\\"1\\\"\",\"event\":\"order.requested\",\"timestamp\":\"2024-01-15T10:30:00.123456Z\","
                + "\"workspaceId\":\"ws_\\\\1\",\"data\":{\"title\":\"say \\\"hi\\\" \\u00e9\\ud83d\\ude00\","
                + "\"amount\":1.10,\"nested\":{\"list\":[1,null,true]}}}").getBytes(StandardCharsets.UTF_8);

        router.events.pipeInput("ws_\\1", event);

        JsonSerde<Delivery> deliverySerde = new JsonSerde<>(Delivery.class);
        List<TestRecord<String, byte[]>> written = router.rawDeliveries.readRecordsToList();
        assertThat(written).hasSize(2).allSatisfy(record -> {
            Delivery delivery = deliverySerde.deserialize("t", record.value());
            assertThat(new String(record.value(), StandardCharsets.UTF_8))
                    .isEqualTo(new String(deliverySerde.serialize("t", delivery), StandardCharsets.UTF_8));
        });
        assertThat(router.counter(WebhookMetrics.DELIVERIES_ROUTED, "event", "order.requested")).isEqualTo(2);
    }
}
