package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Ordering;
import com.fasterxml.jackson.core.JsonProcessingException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * FIFO webhooks while a deliverer process is SIGKILLed mid-stream: nothing is lost, and every webhook receives its
 * workspace's events for the first time in the order the events topic holds them (a delivery may arrive twice, after
 * the kill, but never one before another published earlier).
 */
@Tag("fault")
class FifoOrderFaultIT {

    @Test
    void shouldDeliverEveryFifoWebhooksEventsInPublishOrderWhenADelivererIsKilledMidStream() {
        try (FaultLab lab = FaultLab.withBroker("fifo-kill-deliverer")) {
            FaultLab.RoleProcess doomed = lab.startRole("deliverer-1", "deliverer", Map.of());
            FaultLab.RoleProcess survivor = lab.startRole("deliverer-2", "deliverer", Map.of());
            lab.startInProcess("router", EnumSet.of(Role.ROUTER), Map.of());
            lab.awaitReady(doomed, survivor);
            lab.createWebhooksAndWarmUp(Ordering.FIFO);

            FaultLab.Outcome outcome = lab.publishDuring(publisher -> {
                await().atMost(Duration.ofSeconds(30)).until(() -> publisher.sent() >= FaultLab.EVENTS / 3);
                doomed.jvm().kill();
            });

            lab.reportAndCheck(outcome, "FIFO webhooks; one of two deliverer processes SIGKILLed a third of the way "
                    + "through");
            assertThat(outcome.tally().deadLettered()).isZero();
            Map<String, List<String>> published = eventsByWorkspace(lab.bootstrapServers());
            lab.webhooks().forEach((workspace, webhooks) -> webhooks.forEach(webhook -> {
                Set<String> received = Set.copyOf(lab.receiver().firstDeliveries(webhook));
                List<String> expected = published.get(workspace).stream().filter(received::contains).toList();
                assertThat(lab.receiver().firstDeliveries(webhook)).as("webhook %s of %s", webhook, workspace)
                        .containsExactlyElementsOf(expected);
            }));
        }
    }

    /** Every event id of {@code chatplugify.events}, by workspace (its key), in the order the topic holds them. */
    private static Map<String, List<String>> eventsByWorkspace(String bootstrapServers) {
        Map<String, List<String>> byWorkspace = new HashMap<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.EVENTS).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < ends.get(partition))) {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    byWorkspace.computeIfAbsent(record.key(), key -> new ArrayList<>()).add(eventId(record.value()));
                }
            }
        }
        return byWorkspace;
    }

    private static String eventId(String json) {
        try {
            return Json.mapper().readTree(json).path("id").asText();
        } catch (JsonProcessingException e) {
            return "";
        }
    }
}
