package com.chatplugify.webhooks.deliverer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.testing.DelivererHarness;
import com.chatplugify.webhooks.testing.http.RecordingReceiver;
import com.chatplugify.webhooks.testing.http.RecordingReceiver.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A deliverer stopped while it delivers, as on every rolling restart, logs nothing at ERROR and no stack trace. What
 * it guards against is a race (closing the HTTP client from the stopping thread while its I/O threads iterate their
 * selected keys logged a {@code ConcurrentModificationException}), so it is stopped several times; even so the race
 * was not lost on every run before the fix.
 */
class ShutdownLogsIT {

    private static final int STOPS = 8;
    private static final int WEBHOOKS = 6;
    private static final int DELIVERIES_PER_STOP = 600;

    private final Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final RecordingReceiver receiver = RecordingReceiver.start().answer(request -> {
        try {
            Thread.sleep(5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Reply.status(200);
    });
    private DelivererHarness harness;

    @BeforeEach
    void start() {
        harness = DelivererHarness.start(Map.of());
        // From here: starting the test broker may log what it tried first.
        appender.start();
        root.addAppender(appender);
    }

    @AfterEach
    void stop() {
        harness.close();
        receiver.close();
        root.detachAppender(appender);
    }

    @Test
    void shouldLogNoErrorNorStackTraceWhenStoppedWhileDelivering() {
        List<Subscription> webhooks = new ArrayList<>();
        for (int i = 0; i < WEBHOOKS; i++) {
            webhooks.add(harness.createWebhook(receiver.url("/hook-" + i)));
        }
        for (int stop = 0; stop < STOPS; stop++) {
            DelivererRole deliverer = stop == 0 ? harness.deliverers().get(0) : harness.startDeliverer();
            int receivedBefore = receiver.received().size();
            for (int i = 0; i < DELIVERIES_PER_STOP; i++) {
                harness.deliver(webhooks.get(i % WEBHOOKS).id());
            }
            await().until(() -> receiver.received().size() >= receivedBefore + DELIVERIES_PER_STOP / 4);

            harness.stop(deliverer);
        }

        assertThat(captured()).allSatisfy(line -> {
            assertThat(line.getLevel().isGreaterOrEqual(Level.ERROR)).as("an ERROR: %s", line).isFalse();
            assertThat(line.getThrowableProxy()).as("a stack trace: %s", line).isNull();
        });
    }

    private List<ILoggingEvent> captured() {
        synchronized (appender) {
            return new ArrayList<>(appender.list);
        }
    }
}
