package com.chatplugify.webhooks.testing;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.slf4j.LoggerFactory;

/**
 * The lines a logger writes during each test, for tests of what we log:
 * {@code @RegisterExtension final CapturedLog log = CapturedLog.of(Foo.class);}.
 */
public final class CapturedLog implements BeforeEachCallback, AfterEachCallback {

    private final Logger logger;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    private CapturedLog(Logger logger) {
        this.logger = logger;
    }

    public static CapturedLog of(Class<?> loggingClass) {
        return of(loggingClass.getName());
    }

    public static CapturedLog of(String loggerName) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(loggerName));
    }

    /** The logger, for a test that hands it to the code under test. */
    public Logger logger() {
        return logger;
    }

    public List<ILoggingEvent> lines() {
        return appender.list;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        appender.start();
        logger.addAppender(appender);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        logger.detachAppender(appender);
    }
}
