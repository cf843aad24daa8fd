package com.chatplugify.webhooks.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.joran.spi.JoranException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** {@code log.format} from any configuration source switches the format logback.xml chose at start-up. */
class LoggingConfigTest {

    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();

    @AfterEach
    void restoreTestLogging() throws JoranException {
        configure("/logback-test.xml", null);
    }

    @Test
    void shouldSwitchTheDistributionsLoggingToTheConfiguredFormat() throws JoranException {
        configure("/logback.xml", "text");
        assertThat(rootAppenders()).containsExactly("text");

        LoggingConfig.apply("json");

        assertThat(rootAppenders()).containsExactly("json");
        assertThat(context.getProperty(LoggingConfig.FORMAT_PROPERTY)).isEqualTo("json");
    }

    @Test
    void shouldLeaveAnotherLoggingConfigurationAlone() {
        List<String> before = rootAppenders();

        LoggingConfig.apply("json");

        assertThat(rootAppenders()).isEqualTo(before).doesNotContain("json");
    }

    /** Configures logging from a resource, as if {@code WEBHOOKS_LOG_FORMAT} were {@code format}. */
    private void configure(String resource, String format) throws JoranException {
        context.reset();
        if (format != null) {
            context.putProperty(LoggingConfig.ENVIRONMENT_VARIABLE, format);
        }
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        configurator.doConfigure(LoggingConfigTest.class.getResource(resource));
    }

    private List<String> rootAppenders() {
        List<String> names = new ArrayList<>();
        Iterator<Appender<ch.qos.logback.classic.spi.ILoggingEvent>> appenders =
                context.getLogger(Logger.ROOT_LOGGER_NAME).iteratorForAppenders();
        appenders.forEachRemaining(appender -> names.add(appender.getName()));
        return names;
    }
}
