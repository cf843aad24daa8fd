package com.chatplugify.webhooks.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

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
    void shouldPutItsFieldsInTheMdcOnlyWhileOpen() {
        LogContext context = LogContext.delivery("webhook_1", "evt_1")
                .at(new ConsumerRecord<>("chatplugify.deliveries", 2, 42L, "webhook_1", new byte[0]));
        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();

        try (LogContext.Scope ignored = context.open()) {
            assertThat(MDC.getCopyOfContextMap()).containsExactlyInAnyOrderEntriesOf(java.util.Map.of(
                    "webhookId", "webhook_1", "eventId", "evt_1", "topic", "chatplugify.deliveries",
                    "partition", "2", "offset", "42"));
        }

        assertThat(MDC.getCopyOfContextMap()).isNullOrEmpty();
    }

    @Test
    void shouldRestoreTheOuterValuesWhenANestedScopeCloses() {
        try (LogContext.Scope outer = LogContext.delivery("webhook_1", "evt_1").open()) {
            try (LogContext.Scope inner = LogContext.webhook("webhook_2").and(LogContext.TOPIC, "t").open()) {
                assertThat(MDC.get("webhookId")).isEqualTo("webhook_2");
                assertThat(MDC.get("eventId")).as("kept from the outer scope").isEqualTo("evt_1");
            }
            assertThat(MDC.get("webhookId")).isEqualTo("webhook_1");
            assertThat(MDC.get("topic")).isNull();
        }
        assertThat(MDC.get("eventId")).isNull();
    }

    @Test
    void shouldLeaveOutNullValues() {
        try (LogContext.Scope ignored = LogContext.delivery("webhook_1", null).open()) {
            assertThat(MDC.getCopyOfContextMap()).containsOnlyKeys("webhookId");
        }
    }
}
