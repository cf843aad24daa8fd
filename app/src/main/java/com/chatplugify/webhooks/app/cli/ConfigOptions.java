package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.app.LoggingConfig;
import com.chatplugify.webhooks.common.config.ConfigSources;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --config FILE} and {@code --set key=value}, shared by every command that runs something. */
public final class ConfigOptions {

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with configuration keys.")
    Path file;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set one configuration key; wins over the file and WEBHOOKS_* environment variables. Repeatable.")
    List<String> assignments = new ArrayList<>();

    /** Reads the configuration and applies its log format. */
    public WebhooksConfig load(Map<String, String> environment) {
        WebhooksConfig config = ConfigDefinitions.sources()
                .load(file, environment, ConfigSources.parseAssignments(assignments));
        LoggingConfig.apply(config);
        return config;
    }
}
