package com.chatplugify.webhooks.common.subscriptions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
import org.junit.jupiter.api.Test;

/** What the view holds as webhooks come and go, against Kafka's {@link MockConsumer}. */
class SubscriptionViewTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.SUBSCRIPTIONS, 0);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final SubscriptionView view = new SubscriptionView(consumer,
            partitions -> CompletableFuture.completedFuture(consumer.endOffsets(partitions)),
            SubscriptionCodec.withoutKeys(), "subscription-view-test");
    private long offset;

    @AfterEach
    void close() {
        view.close();
    }

    @Test
    void shouldForgetAWorkspaceOnceItsLastWebhookIsDeletedOrMoved() throws Exception {
        start();

        write("wh_a1", webhook("wh_a1", "ws_a"));
        write("wh_a2", webhook("wh_a2", "ws_a"));
        write("wh_b1", webhook("wh_b1", "ws_b"));
        awaitApplied();
        assertThat(view.workspaces()).containsExactlyInAnyOrder("ws_a", "ws_b");

        write("wh_a1", null);
        awaitApplied();
        assertThat(view.workspaces()).as("ws_a still has wh_a2").containsExactlyInAnyOrder("ws_a", "ws_b");

        write("wh_a2", null);
        write("wh_b1", webhook("wh_b1", "ws_c"));
        awaitApplied();

        assertThat(view.workspaces()).containsExactly("ws_c");
        assertThat(view.byWorkspace("ws_a")).isEmpty();
        assertThat(view.byWorkspace("ws_b")).isEmpty();
        assertThat(view.byWorkspace("ws_c")).extracting(subscription -> subscription.id()).containsExactly("wh_b1");
    }

    @Test
    void shouldKeepAWebhooksPreviousVersionAndGoOnAfterRecordsTheRouterRefusesToo() throws Exception {
        start();
        write("wh_a1", webhook("wh_a1", "ws_a"));

        for (String invalid : List.of("null", "[]", "1", "\"wh_a1\"", "{nope", "{\"id\":\"wh_a1\",\"workspaceId\":\"ws_a\"}",
                webhook("wh_a1", "ws_b") + " trailing", webhook("wh_a1", "ws_b") + webhook("wh_a1", "ws_c"),
                webhook("wh_other", "ws_b"))) {
            write("wh_a1", invalid);
        }
        write("wh_a2", webhook("wh_a2", "ws_a"));
        awaitApplied();

        assertThat(view.alive()).isTrue();
        assertThat(view.get("wh_a1")).hasValueSatisfying(webhook -> assertThat(webhook.workspaceId()).isEqualTo("ws_a"));
        assertThat(view.byWorkspace("ws_a")).extracting(subscription -> subscription.id())
                .containsExactlyInAnyOrder("wh_a1", "wh_a2");
        assertThat(view.workspaces()).containsExactly("ws_a");
    }

    private void start() {
        consumer.updatePartitions(Topics.SUBSCRIPTIONS, List.of(new PartitionInfo(Topics.SUBSCRIPTIONS, 0,
                Node.noNode(), new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 0L));
        view.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> consumer.assignment().contains(PARTITION));
    }

    private void write(String key, String json) {
        consumer.addRecord(new ConsumerRecord<>(Topics.SUBSCRIPTIONS, 0, offset++, key,
                json == null ? null : json.getBytes(StandardCharsets.UTF_8)));
        consumer.updateEndOffsets(Map.of(PARTITION, offset));
    }

    private void awaitApplied() throws Exception {
        view.awaitOffset(0, offset - 1).get(10, TimeUnit.SECONDS);
    }

    private static String webhook(String id, String workspaceId) {
        return "{\"id\":\"" + id + "\",\"workspaceId\":\"" + workspaceId + "\",\"url\":\"https://example.com/hooks\","
                + "\"events\":[\"*\"],\"secret\":\"whsec_c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0\",\"enabled\":true,"
                + "\"createdAt\":\"2026-01-01T00:00:00Z\",\"updatedAt\":\"2026-01-01T00:00:00Z\"}";
    }
}
