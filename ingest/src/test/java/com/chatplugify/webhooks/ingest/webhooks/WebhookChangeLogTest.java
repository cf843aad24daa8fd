package com.chatplugify.webhooks.ingest.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.chatplugify.webhooks.testing.CapturedLog;
import com.chatplugify.webhooks.common.model.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class WebhookChangeLogTest {

    @RegisterExtension
    final CapturedLog log = CapturedLog.of(WebhookChangeLog.class);

    @Test
    void shouldLogTheChangeWithItsIdsButNeitherTheFullUrlNorHeadersNorSecret() {
        Instant now = Instant.parse("2024-01-15T10:30:00Z");
        Subscription webhook = new Subscription("webhook_1", "ws_1", "https://crm.example.com/hooks?token=url-canary",
                List.of("task.*"), Map.of("Authorization", "Bearer header-canary"), "whsec_secretcanary", true, null,
                null, now, now, List.of(), 1, null, null, null, null, null);

        WebhookChangeLog.changed("created", webhook);
        WebhookChangeLog.deleted("webhook_1");

        assertThat(log.lines()).extracting(ILoggingEvent::getFormattedMessage).containsExactly(
                "Webhook created: enabled, events [task.*], endpoint host crm.example.com", "Webhook deleted");
        assertThat(log.lines().get(0).getMDCPropertyMap())
                .containsExactlyInAnyOrderEntriesOf(Map.of("webhookId", "webhook_1", "workspaceId", "ws_1"));
        assertThat(log.lines()).allSatisfy(line -> assertThat(line.getFormattedMessage() + line.getMDCPropertyMap())
                .doesNotContain("url-canary", "header-canary", "secretcanary"));
    }
}
