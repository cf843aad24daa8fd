package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.router.RouterConfig;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** Every configuration key of the distribution, declared once in the module that owns it. */
public final class ConfigDefinitions {

    private ConfigDefinitions() {
    }

    public static ConfigDef all() {
        ConfigDef definition = new ConfigDef();
        sections().values().forEach(section -> section.configKeys().values().forEach(definition::define));
        return definition;
    }

    /**
     * Where every command reads its configuration from: the keys of {@link #all()}, checked one by one and then
     * against each other.
     */
    public static ConfigSources sources() {
        return new ConfigSources(all(), List.of(CommonConfig::checkRetryRetention, DelivererConfig::checkRetryRetention));
    }

    /** The keys by the part of the system that owns them, in the order the reference presents them. */
    public static Map<String, ConfigDef> sections() {
        Map<String, ConfigDef> sections = new LinkedHashMap<>();
        sections.put("Common", CommonConfig.define(new ConfigDef()));
        sections.put("Router", RouterConfig.define(new ConfigDef()));
        sections.put("Deliverer", DelivererConfig.define(new ConfigDef()));
        sections.put("Ingest and API", IngestConfig.define(new ConfigDef()));
        sections.put("Logging", LoggingConfig.define(new ConfigDef()));
        return sections;
    }
}
