package com.chatplugify.webhooks.app;

import static org.apache.kafka.common.config.ConfigDef.Importance.LOW;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidString;

/** Configuration of the process's logs. */
public final class LoggingConfig {

    /** Read by logback.xml from the environment; declared so that the value is validated and documented. */
    public static final String LOG_FORMAT = "log.format";

    private LoggingConfig() {
    }

    public static ConfigDef define(ConfigDef definition) {
        return definition.define(LOG_FORMAT, Type.STRING, "text", ValidString.in("text", "json"), LOW,
                "Log line format on stderr: text for people, json (one JSON object per line, MDC keys webhookId and "
                        + "eventId included) for log collectors. Logging starts before configuration is read, so only "
                        + "the environment variable WEBHOOKS_LOG_FORMAT selects it; other sources are validated only.");
    }
}
