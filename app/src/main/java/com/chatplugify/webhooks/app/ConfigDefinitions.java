package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.deliverer.DelivererConfig;
import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.router.RouterConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Every configuration key of the distribution, declared once in the module that owns it. */
public final class ConfigDefinitions {

    private ConfigDefinitions() {
    }

    public static ConfigDef all() {
        ConfigDef definition = new ConfigDef();
        CommonConfig.define(definition);
        RouterConfig.define(definition);
        DelivererConfig.define(definition);
        IngestConfig.define(definition);
        LoggingConfig.define(definition);
        return definition;
    }
}
