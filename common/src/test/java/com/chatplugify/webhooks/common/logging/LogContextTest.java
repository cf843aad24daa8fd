package com.chatplugify.webhooks.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;

class LogContextTest {

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void shouldPutItsFieldsInTheMdcOnlyWhileItRuns() {
        LogContext context = LogContext.delivery("webhook_1", "evt_1")
                .at(new ConsumerRecord<>("chatplugify.deliveries", 2, 42L, "webhook_1", new byte[0]));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();

        Map<String, String> seen = context.call(MDC::getCopyOfContextMap);

        assertThat(seen).containsExactlyInAnyOrderEntriesOf(Map.of("webhookId", "webhook_1", "eventId", "evt_1",
                "topic", "chatplugify.deliveries", "partition", "2", "offset", "42"));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void shouldRestoreTheOuterValuesWhenANestedContextEnds() {
        LogContext.delivery("webhook_1", "evt_1").run(() -> {
            LogContext.webhook("webhook_2").and(LogContext.TOPIC, "t").run(() -> {
                assertThat(MDC.get("webhookId")).isEqualTo("webhook_2");
                assertThat(MDC.get("eventId")).as("kept from the outer context").isEqualTo("evt_1");
            });
            assertThat(MDC.get("webhookId")).isEqualTo("webhook_1");
            assertThat(MDC.get("topic")).isNull();
        });
        assertThat(MDC.get("eventId")).isNull();
    }

    @Test
    void shouldRestoreTheMdcWhenTheActionThrows() {
        try {
            LogContext.webhook("webhook_1").run(() -> {
                throw new IllegalStateException("boom");
            });
        } catch (IllegalStateException expected) {
            assertThat(MDC.get("webhookId")).isNull();
            return;
        }
        throw new AssertionError("the action's exception should propagate");
    }

    @Test
    void shouldLeaveOutNullValues() {
        assertThat(LogContext.delivery("webhook_1", null).call(MDC::getCopyOfContextMap)).containsOnlyKeys("webhookId");
    }
}
