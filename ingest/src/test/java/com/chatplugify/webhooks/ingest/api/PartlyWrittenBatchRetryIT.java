package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.AwaitedAnswers;
import com.chatplugify.webhooks.common.kafka.KafkaClients;
import com.chatplugify.webhooks.common.publisher.EventPublisher;
import com.chatplugify.webhooks.ingest.idempotency.ClaimAnswers;
import com.chatplugify.webhooks.ingest.idempotency.ClaimResult;
import com.chatplugify.webhooks.ingest.idempotency.IdempotencyClaims;
import com.chatplugify.webhooks.ingest.idempotency.IdempotencyKey;
import com.chatplugify.webhooks.ingest.idempotency.RequestFingerprint;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A batch under an Idempotency-Key that the broker wrote only in part (the 503 case): a retry publishes only the events
 * the first call did not get written, as the same events under the same ids, and a later retry publishes nothing. The
 * key's owners and their topics are real (the shared server's); the events go to a scripted producer, so that the
 * broker's partial failure is chosen by the test.
 */
class PartlyWrittenBatchRetryIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final MockProducer<String, byte[]> eventsBroker = new MockProducer<>(false, null, new StringSerializer(),
            new ByteArraySerializer());
    private KafkaProducer<String, byte[]> commands;
    private AwaitedAnswers<ClaimResult> answers;
    private EventSubmission submission;

    @BeforeEach
    void start() {
        WebhooksConfig config = IngestTestServer.shared().awaitReady().config();
        commands = new KafkaProducer<>(KafkaClients.producer(config, "partly-written-batch-test"),
                new StringSerializer(), new ByteArraySerializer());
        answers = ClaimAnswers.create(config).start();
        submission = new EventSubmission(new EventPublisher(eventsBroker, Clock.systemUTC()),
                new IdempotencyClaims(commands, answers, TIMEOUT, Duration.ofHours(24), Clock.systemUTC()), TIMEOUT, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        answers.close();
        commands.close();
    }

    @Test
    void shouldPublishOnlyTheUnwrittenEventsUnderTheirFirstIdsWhenAPartlyWrittenBatchIsRetried() {
        ArrayNode batch = Json.mapper().createArrayNode();
        for (int n = 1; n <= 3; n++) {
            batch.addObject().put("event", "task.created").put("workspaceId", "ws_partly")
                    .putObject("data").put("n", n);
        }
        List<JsonNode> events = new ArrayList<>();
        batch.forEach(events::add);
        IdempotencyKey key = new IdempotencyKey("test", UUID.randomUUID().toString());
        String fingerprint = RequestFingerprint.of("/v1/events/batch", batch);

        CompletableFuture<Publication> first = submission.submit(events, key, fingerprint, written -> { });
        await().until(() -> eventsBroker.history().size() == 3);
        eventsBroker.completeNext();
        eventsBroker.errorNext(new TimeoutException("Expiring 1 record(s)"));
        eventsBroker.errorNext(new TimeoutException("Expiring 1 record(s)"));
        Publication partly = first.join();

        CompletableFuture<Publication> retry = submission.submit(events, key, fingerprint, written -> { });
        await().until(() -> eventsBroker.history().size() == 5);
        eventsBroker.completeNext();
        eventsBroker.completeNext();
        Publication retried = retry.join();

        Publication again = submission.submit(events, key, fingerprint, written -> { }).join();

        assertThat(partly).isInstanceOf(Publication.PartlyPublished.class);
        Publication.PartlyPublished firstCall = (Publication.PartlyPublished) partly;
        assertThat(firstCall.accepted()).containsExactly(0);
        List<String> ids = firstCall.ids();
        assertThat(ids).hasSize(3).doesNotHaveDuplicates();
        assertThat(retried).isEqualTo(new Publication.Published(ids, false));
        assertThat(again).isEqualTo(new Publication.Published(ids, true));
        List<ProducerRecord<String, byte[]>> sent = eventsBroker.history();
        assertThat(sent).extracting(PartlyWrittenBatchRetryIT::id)
                .containsExactly(ids.get(0), ids.get(1), ids.get(2), ids.get(1), ids.get(2));
        assertThat(json(sent.get(3))).isEqualTo(json(sent.get(1)));
        assertThat(json(sent.get(4))).isEqualTo(json(sent.get(2)));
    }

    private static String id(ProducerRecord<String, byte[]> record) {
        return json(record).get("id").textValue();
    }

    private static JsonNode json(ProducerRecord<String, byte[]> record) {
        try {
            return Json.mapper().readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
