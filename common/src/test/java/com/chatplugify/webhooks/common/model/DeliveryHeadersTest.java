package com.chatplugify.webhooks.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeliveryHeadersTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00.123Z");

    @Test
    void shouldReadBackWhatItWrote() {
        DeliveryHeaders written = new DeliveryHeaders(3, NOW.plusSeconds(10), NOW.minusSeconds(60), "retries_exhausted",
                503, "HTTP 503", NOW, "chatplugify.deliveries.retry-3", 2, 42L, "1-7");
        Headers headers = new RecordHeaders();

        written.writeTo(headers);

        assertThat(DeliveryHeaders.readFrom(headers)).isEqualTo(written);
        assertThat(text(headers, DeliveryHeaders.DUE_AT)).isEqualTo(Long.toString(NOW.plusSeconds(10).toEpochMilli()));
        assertThat(text(headers, DeliveryHeaders.FAILED_AT)).isEqualTo("2024-01-15T10:30:00.123Z");
    }

    @Test
    void shouldReadAbsentBlankAndUnreadableHeadersAsNothing() {
        Headers headers = new RecordHeaders();
        headers.add(DeliveryHeaders.ATTEMPTS, "two".getBytes(StandardCharsets.UTF_8));
        headers.add(DeliveryHeaders.LAST_STATUS, " ".getBytes(StandardCharsets.UTF_8));
        headers.add(DeliveryHeaders.FAILED_AT, "yesterday".getBytes(StandardCharsets.UTF_8));
        headers.add(DeliveryHeaders.ORIGIN_PARTITION, "99999999999".getBytes(StandardCharsets.UTF_8));
        headers.add(DeliveryHeaders.REPLAY_OF, null);

        assertThat(DeliveryHeaders.readFrom(headers))
                .isEqualTo(new DeliveryHeaders(0, null, null, null, null, null, null, null, null, null, null));
    }

    @Test
    void shouldReplaceItsOwnHeadersOnlyAndDropThoseThatAreNull() {
        Headers headers = new RecordHeaders();
        headers.add("traceparent", "00-abc-def-01".getBytes(StandardCharsets.UTF_8));
        headers.add(DeliveryHeaders.ATTEMPTS, "1".getBytes(StandardCharsets.UTF_8));
        headers.add(DeliveryHeaders.DUE_AT, "5".getBytes(StandardCharsets.UTF_8));

        DeliveryHeaders.readFrom(headers).deadLettered("expired", 1, NOW, "chatplugify.deliveries", 0, 9).writeTo(headers);

        assertThat(text(headers, "traceparent")).isEqualTo("00-abc-def-01");
        assertThat(headers.headers(DeliveryHeaders.ATTEMPTS)).hasSize(1);
        assertThat(headers.lastHeader(DeliveryHeaders.DUE_AT)).isNull();
        assertThat(text(headers, DeliveryHeaders.REASON)).isEqualTo("expired");
    }

    @Test
    void shouldKeepThePreviousAttemptsStatusOnlyWhenTheLastSaysNothing() {
        DeliveryHeaders failed = DeliveryHeaders.readFrom(new RecordHeaders()).lastAttempt(503, "HTTP 503");

        assertThat(failed.lastAttempt(null, null).lastStatus()).isEqualTo(503);
        assertThat(failed.lastAttempt(null, "timed out").lastStatus()).isNull();
        assertThat(failed.lastAttempt(null, "timed out").lastError()).isEqualTo("timed out");
    }

    private static String text(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
