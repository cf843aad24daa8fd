package com.chatplugify.webhooks.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

class ThrottledLoggerTest {

    private final Logger logger = (Logger) LoggerFactory.getLogger("throttled-logger-test");
    private final ListAppender<ILoggingEvent> lines = new ListAppender<>();
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ThrottledLogger throttled = new ThrottledLogger(logger, 3, nanos::get);

    ThrottledLoggerTest() {
        lines.start();
        logger.addAppender(lines);
    }

    @AfterEach
    void detach() {
        logger.detachAppender(lines);
    }

    @Test
    void shouldWriteAtMostItsRateAndCountWhatItHeldBack() {
        for (int i = 0; i < 10; i++) {
            throttled.info(LogContext.webhook("webhook_" + i), "Dead-lettered: {}", i);
        }
        assertThat(lines.list).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Dead-lettered: 0", "Dead-lettered: 1", "Dead-lettered: 2");
        assertThat(lines.list.get(2).getMDCPropertyMap()).containsEntry("webhookId", "webhook_2")
                .doesNotContainKey(ThrottledLogger.SUPPRESSED);

        nanos.addAndGet(1_000_000_000L);
        throttled.warn(LogContext.webhook("webhook_10"), "Dead-lettered: {}", 10);

        ILoggingEvent next = lines.list.get(3);
        assertThat(next.getFormattedMessage()).isEqualTo("Dead-lettered: 10");
        assertThat(next.getLevel().toString()).isEqualTo("WARN");
        assertThat(next.getMDCPropertyMap()).containsEntry("webhookId", "webhook_10")
                .containsEntry(ThrottledLogger.SUPPRESSED, "7");
    }
}
