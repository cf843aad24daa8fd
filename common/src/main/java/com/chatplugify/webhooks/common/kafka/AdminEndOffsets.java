package com.chatplugify.webhooks.common.kafka;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

/**
 * {@link EndOffsets} from an admin client of their own: by default as {@link KafkaClients#consumer} consumers read
 * ({@code read_committed}); with {@code read_uncommitted}, the high watermark, which covers open transactions' writes.
 */
public final class AdminEndOffsets implements EndOffsets {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);

    private final Admin admin;
    private final ListOffsetsOptions isolation;

    /** @param admin owned from now on */
    public AdminEndOffsets(Admin admin, IsolationLevel isolation) {
        this.admin = admin;
        this.isolation = new ListOffsetsOptions(isolation);
    }

    public static AdminEndOffsets connect(WebhooksConfig config, String clientId) {
        return connect(config, clientId, IsolationLevel.READ_COMMITTED);
    }

    public static AdminEndOffsets connect(WebhooksConfig config, String clientId, IsolationLevel isolation) {
        return new AdminEndOffsets(Admin.create(KafkaClients.admin(config, clientId)), isolation);
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> of(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        return admin.listOffsets(latest, isolation).all().toCompletionStage().toCompletableFuture()
                .thenApply(answers -> {
                    Map<TopicPartition, Long> ends = new HashMap<>();
                    answers.forEach((partition, answer) -> ends.put(partition, answer.offset()));
                    return ends;
                });
    }

    @Override
    public void close() {
        admin.close(CLOSE_TIMEOUT);
    }
}
