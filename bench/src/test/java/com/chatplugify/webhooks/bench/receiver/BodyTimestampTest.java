package com.chatplugify.webhooks.bench.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class BodyTimestampTest {

    @Test
    void shouldReadTheTimestampWithMicrosecondsFromADeliveredBody() {
        byte[] body = """
                {"id":"evt_1","event":"conversation.created","timestamp":"2024-01-15T10:30:00.123456Z","data":{"id":"c"},"webhookId":"w"}"""
                .getBytes(StandardCharsets.UTF_8);

        assertThat(BodyTimestamp.micros(body)).isEqualTo(1_705_314_600_123_456L);
    }

    @Test
    void shouldAllowWhitespaceAroundTheColon() {
        byte[] body = "{\"timestamp\" : \"2024-01-15T10:30:00Z\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(BodyTimestamp.micros(body)).isEqualTo(1_705_314_600_000_000L);
    }

    @Test
    void shouldAnswerMinusOneWhenThereIsNoReadableTimestamp() {
        assertThat(BodyTimestamp.micros("{\"id\":\"evt_1\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(BodyTimestamp.micros("{\"timestamp\":\"yesterday\"}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
        assertThat(BodyTimestamp.micros("{\"timestamp\":12}".getBytes(StandardCharsets.UTF_8))).isEqualTo(-1);
    }
}
