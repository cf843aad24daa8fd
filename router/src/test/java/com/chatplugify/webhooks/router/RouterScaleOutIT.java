package com.chatplugify.webhooks.router;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import com.chatplugify.webhooks.router.testing.DeliveryLog;
import com.chatplugify.webhooks.router.testing.EventStream;
import com.chatplugify.webhooks.router.testing.RouterInstances;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two router instances share the work on a real broker while events stream in; one of them stops mid-stream,
 * cleanly or killed outright. Under exactly-once, every (event, webhook) pair reaches a read-committed consumer
 * of the deliveries exactly once.
 */
class RouterScaleOutIT {

    private static final Duration GENEROUS = Duration.ofSeconds(90);
    private static final List<String> FILTERS = List.of("*", "task.*", "task.created");

    private final String run = UUID.randomUUID().toString().substring(0, 8);
    private final List<String> workspaces = List.of("ws_" + run + "_a", "ws_" + run + "_b", "ws_" + run + "_c", "ws_" + run + "_d");
    private final Map<String, List<String>> webhooksByWorkspace = new HashMap<>();
    private final List<AutoCloseable> resources = new ArrayList<>();

    @BeforeEach
    void subscribe() throws Exception {
        RouterInstances.ensureTopics();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers()),
                new StringSerializer(), new ByteArraySerializer())) {
            for (String workspace : workspaces) {
                List<String> webhooks = new ArrayList<>();
                for (String filter : FILTERS) {
                    String webhookId = "webhook_" + workspace + "_" + webhooks.size();
                    webhooks.add(webhookId);
                    producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS, webhookId, Json.toBytes(Map.of(
                            "id", webhookId, "workspaceId", workspace, "url", "https://example.com/" + webhookId,
                            "events", List.of(filter), "secret", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw",
                            "enabled", true)))).get();
                }
                webhooksByWorkspace.put(workspace, webhooks);
            }
        }
    }

    @AfterEach
    void closeAll() throws Exception {
        Collections.reverse(resources);
        for (AutoCloseable resource : resources) {
            resource.close();
        }
    }

    @Test
    void shouldRouteEveryEventExactlyOnceThroughACleanStopAndARollingRestart() throws Exception {
        RouterInstances instances = new RouterInstances(Map.of(RouterConfig.NUM_STANDBY_REPLICAS, "1"));
        Path stateA = RouterInstances.newStateDir();
        RouterRole a = keep(instances.start(stateA));
        awaitTableComplete(a);
        RouterRole b = keep(instances.start(RouterInstances.newStateDir()));
        awaitRunning(a, b);
        EventStream stream = keep(new EventStream(workspaces, "evt_" + run + "_").start(300));

        awaitSent(stream, 600);
        a.close();
        awaitSent(stream, 1200);
        RouterRole restartedA = keep(instances.start(stateA));
        awaitRunning(restartedA, b);
        awaitSent(stream, 1800);
        b.close();
        awaitSent(stream, 2400);
        Map<String, String> events = stream.stop();

        assertRoutedExactlyOnce(events, restartedA);
    }

    @Test
    void shouldRouteEveryEventExactlyOnceWhenAnInstanceIsKilled() throws Exception {
        RouterInstances instances = new RouterInstances(Map.of());
        RouterRole a = keep(instances.start(RouterInstances.newStateDir()));
        awaitTableComplete(a);
        Process b = instances.startChild(RouterInstances.newStateDir());
        resources.add(b::destroyForcibly);
        awaitMembersWithWork(instances.applicationId(), 2);
        EventStream stream = keep(new EventStream(workspaces, "evt_" + run + "_").start(300));

        awaitSent(stream, 900);
        b.destroyForcibly().waitFor();
        awaitMembersWithWork(instances.applicationId(), 1);
        awaitSent(stream, stream.sent() + 600);
        Map<String, String> events = stream.stop();

        assertRoutedExactlyOnce(events, a);
    }

    private void assertRoutedExactlyOnce(Map<String, String> events, RouterRole survivor) throws Exception {
        Map<String, Integer> expected = new HashMap<>();
        events.forEach((eventId, workspace) -> webhooksByWorkspace.get(workspace)
                .forEach(webhookId -> expected.put(DeliveryLog.pair(eventId, webhookId), 1)));
        try (DeliveryLog deliveries = new DeliveryLog(Set.copyOf(workspaces))) {
            await().atMost(GENEROUS).pollInSameThread()
                    .until(() -> deliveries.poll().counts().keySet().containsAll(expected.keySet()));
            // What a replay after the failover could still add is committed by the time the survivor closes.
            survivor.close();
            assertThat(deliveries.readToEnd().counts()).containsExactlyInAnyOrderEntriesOf(expected);
        }
    }

    private void awaitTableComplete(RouterRole router) {
        await().atMost(GENEROUS).until(() -> workspaces.stream()
                .allMatch(workspace -> router.webhooksOf(workspace).containsAll(webhooksByWorkspace.get(workspace))));
    }

    private static void awaitRunning(RouterRole... routers) {
        await().atMost(GENEROUS).until(() -> List.of(routers).stream()
                .allMatch(router -> router.state() == KafkaStreams.State.RUNNING));
    }

    private static void awaitSent(EventStream stream, int count) {
        await().atMost(GENEROUS).until(() -> stream.sent() >= count);
    }

    /** Waits until the group is stable with {@code count} members, each assigned partitions to work on. */
    private static void awaitMembersWithWork(String applicationId, int count) {
        try (Admin admin = TestKafka.admin()) {
            await().atMost(GENEROUS).until(() -> {
                ConsumerGroupDescription group = admin.describeConsumerGroups(List.of(applicationId))
                        .describedGroups().get(applicationId).get();
                List<MemberDescription> members = List.copyOf(group.members());
                return group.groupState() == GroupState.STABLE && members.size() == count
                        && members.stream().noneMatch(member -> member.assignment().topicPartitions().isEmpty());
            });
        }
    }

    private <T extends AutoCloseable> T keep(T resource) {
        resources.add(resource);
        return resource;
    }
}
