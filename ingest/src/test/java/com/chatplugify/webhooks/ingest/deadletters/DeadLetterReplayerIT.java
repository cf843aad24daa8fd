package com.chatplugify.webhooks.ingest.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.ingest.testing.DeadLetterFixtures;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.kafka.TopicRecords;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Replays from separate processes (API instances, the command line) never re-deliver a dead letter twice. */
class DeadLetterReplayerIT {

    private static final int ENTRIES = 120;

    @Test
    void shouldReplayEachEntryOnceWhenTwoProcessesReplayTheSameDeadLetters() {
        WebhooksConfig config = IngestTestServer.shared().config()
                .with(IngestConfig.define(com.chatplugify.webhooks.common.config.CommonConfig.define(
                        new org.apache.kafka.common.config.ConfigDef())), Map.of(IngestConfig.REPLAY_RATE_PER_SECOND, "100"));
        String webhook = "webhook_" + UUID.randomUUID();
        try (DeadLetterFixtures fixtures = new DeadLetterFixtures()) {
            Instant now = Instant.now();
            IntStream.range(0, ENTRIES).forEach(i -> fixtures.write(webhook, "ws_1", "task.created", "retries_exhausted",
                    now.minusSeconds(ENTRIES - i)));
        }
        ReplayRequest request = ReplayRequest.unbounded(new DeadLetterQuery(null, webhook, null, null, null, null), false);
        ReplayTargets everyWebhook = delivery -> Optional.empty();

        try (DeadLetters first = DeadLetters.create(config, everyWebhook, new SimpleMeterRegistry(), Clock.systemUTC());
             DeadLetters second = DeadLetters.create(config, everyWebhook, new SimpleMeterRegistry(), Clock.systemUTC())) {
            CompletableFuture<Long> one = CompletableFuture.supplyAsync(() -> replayed(first, request));
            CompletableFuture<Long> other = CompletableFuture.supplyAsync(() -> replayed(second, request));

            assertThat(one.join() + other.join()).isEqualTo(ENTRIES);
            assertThat(replayed(first, request)).isZero();
        }
        List<ConsumerRecord<String, byte[]>> redeliveries = TopicRecords.readToEnd(Topics.DELIVERIES,
                record -> webhook.equals(record.key()));
        assertThat(redeliveries).hasSize(ENTRIES)
                .extracting(record -> TopicRecords.header(record, DeliveryHeaders.REPLAY_OF)).doesNotHaveDuplicates();
    }

    private static long replayed(DeadLetters deadLetters, ReplayRequest request) {
        try {
            return deadLetters.replayer().replay(request, ReplayProgress.NONE).replayed();
        } catch (ReplayInterruptedException e) {
            assertThat(e.concurrentReplay()).as(e.toString()).isTrue();
            return e.soFar().replayed();
        }
    }
}
