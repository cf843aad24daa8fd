package com.chatplugify.webhooks.common.logging;

import java.util.function.LongSupplier;
import org.slf4j.Logger;

/**
 * One kind of log line written once per delivery or record (a retry scheduled, a dead letter, a refused event),
 * let through at most {@code perSecond} times a second. When every endpoint fails at once the deliverer would
 * otherwise write a line per attempt, thousands a second; the metrics count every one, the log shows a sample.
 * The first line let through after some were held back carries their number as {@value #SUPPRESSED} in the MDC.
 *
 * <p>Each line has its own instance, so that a flood of one kind does not hide the others.
 */
public final class ThrottledLogger {

    /** MDC key: lines of this kind left out since the previous one written. */
    public static final String SUPPRESSED = "suppressed";
    private static final long SECOND_NANOS = 1_000_000_000L;

    private final Logger logger;
    private final int perSecond;
    private final LongSupplier nanoTime;
    private long windowStart;
    private int written;
    private long suppressed;

    public ThrottledLogger(Logger logger, int perSecond) {
        this(logger, perSecond, System::nanoTime);
    }

    ThrottledLogger(Logger logger, int perSecond, LongSupplier nanoTime) {
        if (perSecond < 1) {
            throw new IllegalArgumentException("perSecond must be at least 1: " + perSecond);
        }
        this.logger = logger;
        this.perSecond = perSecond;
        this.nanoTime = nanoTime;
        this.windowStart = nanoTime.getAsLong();
    }

    public void info(LogContext context, String format, Object... arguments) {
        if (logger.isInfoEnabled()) {
            write(false, context, format, arguments);
        }
    }

    public void warn(LogContext context, String format, Object... arguments) {
        if (logger.isWarnEnabled()) {
            write(true, context, format, arguments);
        }
    }

    private void write(boolean warn, LogContext context, String format, Object... arguments) {
        long heldBack = admit();
        if (heldBack < 0) {
            return;
        }
        context.and(SUPPRESSED, heldBack > 0 ? heldBack : null).run(() -> {
            if (warn) {
                logger.warn(format, arguments);
            } else {
                logger.info(format, arguments);
            }
        });
    }

    /** The number of lines held back before this one when it may be written, else -1 (and it is counted). */
    private synchronized long admit() {
        long now = nanoTime.getAsLong();
        if (now - windowStart >= SECOND_NANOS) {
            windowStart = now;
            written = 0;
        }
        if (written >= perSecond) {
            suppressed++;
            return -1;
        }
        written++;
        long heldBack = suppressed;
        suppressed = 0;
        return heldBack;
    }
}
