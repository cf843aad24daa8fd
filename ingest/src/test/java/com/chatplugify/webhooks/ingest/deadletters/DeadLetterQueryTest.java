package com.chatplugify.webhooks.ingest.deadletters;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Violation;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DeadLetterQueryTest {

    private static final Instant AT = Instant.parse("2024-01-15T10:30:00Z");
    private final DeadLetter entry = entry("webhook_1", "task.created", "retries_exhausted", AT);

    @Test
    void shouldMatchOnEveryFilterGiven() {
        assertThat(DeadLetterQuery.all().matches(entry)).isTrue();
        assertThat(new DeadLetterQuery("ws_1", "webhook_1", "task.*", "retries_exhausted", AT, AT.plusMillis(1)).matches(entry)).isTrue();
        assertThat(new DeadLetterQuery("ws_2", null, null, null, null, null).matches(entry)).isFalse();
        assertThat(new DeadLetterQuery(null, "webhook_2", null, null, null, null).matches(entry)).isFalse();
        assertThat(new DeadLetterQuery(null, null, "task.updated", null, null, null).matches(entry)).isFalse();
        assertThat(new DeadLetterQuery(null, null, null, "endpoint_gone", null, null).matches(entry)).isFalse();
        assertThat(new DeadLetterQuery(null, null, null, null, AT.plusMillis(1), null).matches(entry)).isFalse();
        assertThat(new DeadLetterQuery(null, null, null, null, null, AT).matches(entry)).as("to is exclusive").isFalse();
    }

    @Test
    void shouldNeverPlaceAnUnreadableDeadLetterInAWorkspace() {
        DeadLetter unreadable = new DeadLetter("0-2", 0, 2, AT, null, "webhook_1", "unreadable_delivery", 1, null, null,
                AT, null, null, null, null, new byte[] {'{'});
        assertThat(new DeadLetterQuery("ws_1", null, null, null, null, null).matches(unreadable)).isFalse();
        assertThat(DeadLetterQuery.all().matches(unreadable)).isTrue();
    }

    @Test
    void shouldNameWhatIsWrongWithTheFilters() {
        assertThat(new DeadLetterQuery(null, null, "webhook.test", null, null, null).problems()).isEmpty();
        assertThat(new DeadLetterQuery(null, null, "*", null, null, null).problems()).isEmpty();
        assertThat(new DeadLetterQuery(null, null, "task.exploded", null, null, null).problems()).singleElement()
                .extracting(Violation::field).isEqualTo("event");
        assertThat(new DeadLetterQuery(null, null, null, null, AT, AT).problems())
                .containsExactly(new Violation(Violation.INVALID_VALUE, "from", "'from' must be before 'to'"));
    }

    @Test
    void shouldRefuseAReasonTheDelivererNeverWritesAndListTheKnownOnes() {
        assertThat(new DeadLetterQuery(null, null, null, "retries_exhausted", null, null).problems()).isEmpty();
        assertThat(new DeadLetterQuery(null, null, null, "unreadable_delivery", null, null).problems()).isEmpty();

        assertThat(new DeadLetterQuery(null, null, null, "bogus", null, null).problems()).singleElement()
                .satisfies(problem -> {
                    assertThat(problem.field()).isEqualTo("reason");
                    assertThat(problem.message()).contains("'reason'", "'bogus'",
                            String.join(", ", DeadLetterReason.codes()));
                });
    }

    private static DeadLetter entry(String webhookId, String type, String reason, Instant at) {
        Delivery delivery = new Delivery(webhookId, "ws_1", new Event("evt_1", type, at, "ws_1",
                Json.mapper().createObjectNode()));
        return new DeadLetter("0-1", 0, 1, at, delivery, webhookId, reason, 4, 503, "HTTP 503", at, null, null, null,
                null, Json.toBytes(delivery));
    }
}
