package com.chatplugify.webhooks.ingest.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Which dead letters a replay may write back, as a subscription view shows their webhooks (Kafka's MockConsumer). */
class ReplayTargetsTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.SUBSCRIPTIONS, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final SubscriptionView view = new SubscriptionView(consumer,
            partitions -> CompletableFuture.completedFuture(consumer.endOffsets(partitions)),
            SubscriptionCodec.withoutKeys(), "replay-targets-test");
    private final ReplayTargets targets = ReplayTargets.of(view);
    private long offset;

    @BeforeEach
    void start() {
        consumer.updatePartitions(Topics.SUBSCRIPTIONS, List.of(new PartitionInfo(Topics.SUBSCRIPTIONS, 0,
                Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 0L));
        view.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().contains(PARTITION));
    }

    @AfterEach
    void close() {
        view.close();
    }

    @Test
    void shouldReplayToAnEnabledWebhookOfTheDeadLettersWorkspace() throws Exception {
        write("wh_1", webhook("wh_1", "ws_a", true));
        awaitApplied();

        assertThat(targets.refusal(delivery("wh_1", "ws_a"))).isEmpty();
    }

    @Test
    void shouldRefuseAWebhookMovedToAnotherWorkspaceEvenWhenItIsEnabledThere() throws Exception {
        write("wh_moved", webhook("wh_moved", "ws_a", true));
        write("wh_moved", webhook("wh_moved", "ws_b", true));
        awaitApplied();

        assertThat(targets.refusal(delivery("wh_moved", "ws_a"))).contains(ReplayTargets.WEBHOOK_MOVED);
        assertThat(targets.refusal(delivery("wh_moved", "ws_b"))).isEmpty();
    }

    @Test
    void shouldRefuseAWebhookIdDeletedAndTakenByAnotherWorkspaceAsMovedEvenWhenDisabledThere() throws Exception {
        write("wh_taken", webhook("wh_taken", "ws_a", true));
        write("wh_taken", null);
        write("wh_taken", webhook("wh_taken", "ws_b", false));
        awaitApplied();

        assertThat(targets.refusal(delivery("wh_taken", "ws_a"))).contains(ReplayTargets.WEBHOOK_MOVED);
    }

    @Test
    void shouldRefuseADeletedWebhookAndADisabledOne() throws Exception {
        write("wh_gone", webhook("wh_gone", "ws_a", true));
        write("wh_gone", null);
        write("wh_off", webhook("wh_off", "ws_a", false));
        awaitApplied();

        assertThat(targets.refusal(delivery("wh_gone", "ws_a"))).contains(ReplayTargets.WEBHOOK_DELETED);
        assertThat(targets.refusal(delivery("wh_off", "ws_a"))).contains(ReplayTargets.WEBHOOK_DISABLED);
    }

    private void write(String key, String json) {
        consumer.addRecord(new ConsumerRecord<>(Topics.SUBSCRIPTIONS, 0, offset++, key,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8)));
        consumer.updateEndOffsets(Map.of(PARTITION, offset));
    }

    private void awaitApplied() throws Exception {
        view.awaitOffset(0, offset - 1).get(10, TimeUnit.SECONDS);
    }

    private static Delivery delivery(String webhookId, String workspaceId) {
        return new Delivery(webhookId, workspaceId, new Event("evt_1", "task.created", Instant.EPOCH, workspaceId,
                Json.mapper().createObjectNode()));
    }

    private static String webhook(String id, String workspaceId, boolean enabled) {
        return "{\"id\":\"" + id + "\",\"workspaceId\":\"" + workspaceId + "\",\"url\":\"https://example.com/hooks\","
                + "\"events\":[\"*\"],\"secret\":\"whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\",\"enabled\":" + enabled
                + ",\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}";
    }
}
