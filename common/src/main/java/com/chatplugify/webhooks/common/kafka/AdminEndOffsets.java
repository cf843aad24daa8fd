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

/** {@link EndOffsets} from an admin client of their own, as {@link KafkaClients#consumer} consumers read. */
public final class AdminEndOffsets implements EndOffsets {

    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(5);
    private static final ListOffsetsOptions AS_CONSUMERS_READ = new ListOffsetsOptions(IsolationLevel.READ_COMMITTED);

    private final Admin admin;

    /** @param admin owned from now on */
    public AdminEndOffsets(Admin admin) {
        this.admin = admin;
    }

    public static AdminEndOffsets connect(WebhooksConfig config, String clientId) {
        return new AdminEndOffsets(Admin.create(KafkaClients.admin(config, clientId)));
    }

    @Override
    public CompletableFuture<Map<TopicPartition, Long>> of(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        partitions.forEach(partition -> latest.put(partition, OffsetSpec.latest()));
        return admin.listOffsets(latest, AS_CONSUMERS_READ).all().toCompletionStage().toCompletableFuture()
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
