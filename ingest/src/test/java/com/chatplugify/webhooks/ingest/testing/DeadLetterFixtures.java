package com.chatplugify.webhooks.ingest.testing;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.DeliveryHeaders;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.ingest.deadletters.DeadLetter;
import com.chatplugify.webhooks.testing.kafka.TestKafka;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes dead letters as the deliverer does, so listing and replay can be tested without failing endpoints. */
public final class DeadLetterFixtures implements AutoCloseable {

    private final KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of(
            ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, TestKafka.bootstrapServers(), ProducerConfig.ACKS_CONFIG, "all"),
            new StringSerializer(), new ByteArraySerializer());

    /** A dead letter dead-lettered at {@code at}; returns its entry id. */
    public String write(String webhookId, String workspaceId, String eventType, String reason, Instant at) {
        Event event = new Event(Ids.newEventId(), eventType, at.minusSeconds(60), workspaceId,
                Json.mapper().createObjectNode().put("id", "obj_" + at.toEpochMilli()));
        return write(webhookId, Json.toBytes(new Delivery(webhookId, workspaceId, event)), reason, at);
    }

    /** A dead letter with any value, e.g. one that is not a delivery at all. */
    public String write(String webhookId, byte[] value, String reason, Instant at) {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(Topics.DLQ, null, at.toEpochMilli(), webhookId, value);
        header(record, DeliveryHeaders.REASON, reason);
        header(record, DeliveryHeaders.ATTEMPTS, "4");
        header(record, DeliveryHeaders.LAST_STATUS, "503");
        header(record, DeliveryHeaders.LAST_ERROR, "HTTP 503");
        header(record, DeliveryHeaders.FAILED_AT, at.toString());
        header(record, DeliveryHeaders.ORIGIN_TOPIC, Topics.retryTier(3));
        header(record, DeliveryHeaders.ORIGIN_PARTITION, "0");
        header(record, DeliveryHeaders.ORIGIN_OFFSET, "42");
        try {
            RecordMetadata metadata = producer.send(record).get();
            return DeadLetter.idOf(metadata.partition(), metadata.offset());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public void close() {
        producer.close();
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }
}
