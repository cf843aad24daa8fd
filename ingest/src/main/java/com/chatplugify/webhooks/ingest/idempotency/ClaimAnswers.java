package com.chatplugify.webhooks.ingest.idempotency;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.AwaitedAnswers;
import com.chatplugify.webhooks.common.kafka.TopicReader;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The answers to idempotency claims: {@code chatplugify.idempotency-results}, every partition, followed from where it
 * ended at start-up, each answer handed to the call waiting for it by request id.
 */
public final class ClaimAnswers {

    private static final JsonSerde<ClaimResult> RESULTS = new JsonSerde<>(ClaimResult.class);

    private ClaimAnswers() {
    }

    /** The answers, on a consumer of their own; not yet started. */
    public static AwaitedAnswers<ClaimResult> create(WebhooksConfig config) {
        return new AwaitedAnswers<>(TopicReader.consumer(config, "idempotency-answers"),
                List.of(Topics.IDEMPOTENCY_RESULTS), "idempotency-answers", "Idempotency answers", ClaimAnswers::read);
    }

    private static AwaitedAnswers.Answer<ClaimResult> read(ConsumerRecord<String, byte[]> record) {
        ClaimResult result = RESULTS.deserialize(record.topic(), record.value());
        return result == null ? null : new AwaitedAnswers.Answer<>(result.requestId(), result);
    }
}
