package com.chatplugify.webhooks.common.publisher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Violation;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00.123456Z");

    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final EventPublisher publisher = new EventPublisher(producer, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void shouldWriteKeyedByWorkspaceWithANewIdAndTheTime() throws Exception {
        PublishedEvent published = publisher.publish("conversation.created", "ws_456", Map.of("id", "conv_123")).join();

        assertThat(published.id()).matches("evt_[0-9A-Z]{26}");
        assertThat(published.event().timestamp()).isEqualTo(Instant.parse("2024-01-15T10:30:00.123Z"));
        ProducerRecord<String, byte[]> record = producer.history().get(0);
        assertThat(record.topic()).isEqualTo(Topics.EVENTS);
        assertThat(record.key()).isEqualTo("ws_456");
        Event written = Json.mapper().readValue(record.value(), Event.class);
        assertThat(written).isEqualTo(published.event());
        assertThat(written.data().get("id").textValue()).isEqualTo("conv_123");
    }

    @Test
    void shouldKeepTheIdAndTimestampOfAnEventBuiltByTheCaller() {
        Event event = new Event("evt_own", "task.created", Instant.parse("2024-01-01T00:00:00Z"), "ws_1",
                Json.mapper().createObjectNode().put("id", "task_1"));

        assertThat(publisher.publish(event).join().event()).isEqualTo(event);
    }

    @Test
    void shouldRefuseAnInvalidEventWithoutWritingAnything() {
        assertThatThrownBy(() -> publisher.publish("task.exploded", "ws 1", List.of(1)).join())
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.items().get(0).violations())
                        .extracting(Violation::reason)
                        .containsExactlyInAnyOrder("unknown_event_type", "invalid_value", "data_not_object"));
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldWeighACharacterOutsideTheBmpAsItsFourUtf8Bytes() {
        // 60,000 emoji: 240,000 bytes of UTF-8, within 256 KiB; escaped as surrogate pairs they would be 720,000.
        Event event = new Event("evt_1", "task.created", Instant.parse("2024-01-15T10:30:00Z"), "ws_1",
                Json.mapper().createObjectNode().put("text", "\uD83D\uDE00".repeat(60_000)));

        assertThat(EventPublisher.sizeViolation(event)).isEmpty();
        assertThat(Json.toBytes(event).length).isBetween(240_000, 240_200);
    }

    @Test
    void shouldRefuseAnEventOver256KiB() {
        assertThatThrownBy(() -> publisher.publish("task.created", "ws_1", Map.of("blob", "x".repeat(256 * 1024))).join())
                .cause().isInstanceOfSatisfying(InvalidEventException.class, e -> assertThat(e.tooLarge()).isTrue());
    }

    @Test
    void shouldWriteNoneOfABatchWithABadEventAndNameItsIndex() {
        var good = Json.mapper().createObjectNode().put("event", "task.created").put("workspaceId", "ws_1");
        good.putObject("data");
        var bad = Json.mapper().createObjectNode().put("event", "task.created");

        assertThatThrownBy(() -> publisher.publishAll(List.of(good, bad, good)).join())
                .cause().isInstanceOfSatisfying(InvalidEventException.class, e ->
                        assertThat(e.items()).extracting(InvalidEventException.Item::index).containsExactly(1));
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldFailTheFutureWhenTheBrokerDoesNotAcknowledge() {
        MockProducer<String, byte[]> failing = new MockProducer<>(false, null, new StringSerializer(), new ByteArraySerializer());
        var published = new EventPublisher(failing, Clock.systemUTC()).publish("task.created", "ws_1", Map.of());

        failing.errorNext(new TimeoutException("no broker"));

        assertThatThrownBy(published::join).cause().isInstanceOf(TimeoutException.class);
    }
}
