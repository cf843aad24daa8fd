package com.chatplugify.webhooks.app;

import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.joran.spi.JoranException;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.net.URL;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;
import org.slf4j.ILoggerFactory;
import org.slf4j.LoggerFactory;

/**
 * Configuration of the process's logs. Logging starts before the configuration is read, with the format of the
 * environment variable {@value #ENVIRONMENT_VARIABLE} (logback.xml); {@link #apply} then switches to the format the
 * configuration asks for, so that {@code --set log.format=json} and the properties file work too.
 */
public final class LoggingConfig {

    public static final String LOG_FORMAT = "log.format";
    /** What logback.xml reads the format from at start-up. */
    static final String ENVIRONMENT_VARIABLE = "WEBHOOKS_LOG_FORMAT";
    /** Where logback.xml records the format it chose; absent when another logback configuration is in use. */
    static final String FORMAT_PROPERTY = "webhooks.log.format";
    private static final String CONFIGURATION = "/logback.xml";

    private LoggingConfig() {
    }

    public static ConfigDef define(ConfigDef definition) {
        return definition.define(LOG_FORMAT, Type.STRING, "text", ValidString.in("text", "json"), LOW,
                "Log line format on stderr: text for people, json (one JSON object per line, with the MDC keys "
                        + "webhookId, eventId, topic, partition and offset where a line concerns one) for log "
                        + "collectors. The environment variable WEBHOOKS_LOG_FORMAT also applies to the lines written "
                        + "while the configuration is read.");
    }

    /** Switches the log format to the configured one, unless it is in effect or logging is configured otherwise. */
    public static void apply(WebhooksConfig config) {
        apply(config.getString(LOG_FORMAT));
    }

    static void apply(String format) {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (!(factory instanceof LoggerContext context)) {
            return;
        }
        String current = context.getProperty(FORMAT_PROPERTY);
        // No property: logging was configured by someone else's file (-Dlogback.configurationFile), which we respect.
        if (current == null || current.equals(format)) {
            return;
        }
        URL configuration = LoggingConfig.class.getResource(CONFIGURATION);
        context.reset();
        context.putProperty(ENVIRONMENT_VARIABLE, format);
        JoranConfigurator configurator = new JoranConfigurator();
        configurator.setContext(context);
        try {
            configurator.doConfigure(configuration);
        } catch (JoranException e) {
            throw new IllegalStateException("Cannot configure logging from " + configuration, e);
        }
    }
}
