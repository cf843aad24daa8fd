package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Event;
import com.chatplugify.webhooks.common.model.Ids;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * What the deliverer logs about a delivery that fails until it is dead-lettered: one line per retry and one for the
 * dead letter, each with the webhook id, the event id and the record's position in the MDC, and never the payload,
 * the secret or the custom headers.
 */
class DeliveryLogsIT {

    private static final String PAYLOAD_CANARY = "payload-canary-7f3a";
    private static final String HEADER_CANARY = "Bearer header-canary-91c2";

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private DelivererHarness harness;
    private RecordingReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        appender.start();
        root.addAppender(appender);
        receiver = new RecordingReceiver().answer(request -> Reply.status(500));
        harness = DelivererHarness.start(Map.of());
    }

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
        root.detachAppender(appender);
    }

    @Test
    void shouldLogEachRetryAndTheDeadLetterWithTheirIdsAndNoPayloadOrSecret() {
        Subscription webhook = harness.createWebhook(receiver.url("/hooks"), Map.of("Authorization", HEADER_CANARY),
                null);
        String eventId = Ids.newEventId();
        Event event = new Event(eventId, "conversation.created", Instant.now(), DelivererHarness.WORKSPACE,
                Json.mapper().createObjectNode().put("note", PAYLOAD_CANARY));
        harness.deliverRaw(webhook.id(), Json.toBytes(new Delivery(webhook.id(), DelivererHarness.WORKSPACE, event)));

        await().atMost(Duration.ofSeconds(30)).until(() -> !harness.deadLetters(webhook.id()).isEmpty());
        await().until(() -> aboutEvent(eventId).stream()
                .anyMatch(line -> line.getFormattedMessage().startsWith("Dead-lettered")));

        List<ILoggingEvent> lines = aboutEvent(eventId);
        assertThat(lines).extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(message -> message.startsWith("Attempt 1 failed (HTTP 500); retry scheduled in tier 1"))
                .anyMatch(message -> message.startsWith("Attempt 3 failed (HTTP 500); retry scheduled in tier 3"))
                .contains("Dead-lettered: retries_exhausted after 4 attempts");
        assertThat(lines).allSatisfy(line -> assertThat(line.getMDCPropertyMap())
                .containsEntry("webhookId", webhook.id())
                .containsKeys("topic", "partition", "offset"));
        assertThat(captured()).allSatisfy(line -> assertThat(everythingIn(line))
                .doesNotContain(PAYLOAD_CANARY, HEADER_CANARY, webhook.secret()));
    }

    private List<ILoggingEvent> aboutEvent(String eventId) {
        return captured().stream().filter(line -> eventId.equals(line.getMDCPropertyMap().get("eventId"))).toList();
    }

    private List<ILoggingEvent> captured() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }

    private static String everythingIn(ILoggingEvent line) {
        return line.getFormattedMessage() + " " + line.getMDCPropertyMap()
                + (line.getThrowableProxy() == null ? "" : ThrowableProxyUtil.asString(line.getThrowableProxy()));
    }
}
