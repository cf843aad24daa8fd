package com.chatplugify.webhooks.common.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.spi.ILoggingEvent;
import com.chatplugify.webhooks.testing.CapturedLog;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ThrottledLoggerTest {

    @RegisterExtension
    final CapturedLog log = CapturedLog.of("throttled-logger-test");
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final ThrottledLogger throttled = new ThrottledLogger(log.logger(), 3, nanos::get);

    @Test
    void shouldWriteAtMostItsRateAndCountWhatItHeldBack() {
        for (int i = 0; i < 10; i++) {
            throttled.info(LogContext.webhook("webhook_" + i), "Dead-lettered: {}", i);
        }
        assertThat(log.lines()).extracting(ILoggingEvent::getFormattedMessage)
                .containsExactly("Dead-lettered: 0", "Dead-lettered: 1", "Dead-lettered: 2");
        assertThat(log.lines().get(2).getMDCPropertyMap()).containsEntry("webhookId", "webhook_2")
                .doesNotContainKey(ThrottledLogger.SUPPRESSED);

        nanos.addAndGet(1_000_000_000L);
        throttled.warn(LogContext.webhook("webhook_10"), "Dead-lettered: {}", 10);

        ILoggingEvent next = log.lines().get(3);
        assertThat(next.getFormattedMessage()).isEqualTo("Dead-lettered: 10");
        assertThat(next.getLevel().toString()).isEqualTo("WARN");
        assertThat(next.getMDCPropertyMap()).containsEntry("webhookId", "webhook_10")
                .containsEntry(ThrottledLogger.SUPPRESSED, "7");
    }
}
