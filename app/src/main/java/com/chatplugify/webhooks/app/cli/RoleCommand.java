package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.app.DataDirLock;
import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.app.WebhooksProcess;
import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.ConfigValidators;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import java.time.Clock;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Runs one role against an existing Kafka cluster. */
public abstract class RoleCommand implements Callable<Integer> {

    @Mixin
    ConfigOptions config;

    private final Role role;

    RoleCommand(Role role) {
        this.role = role;
    }

    @Override
    @SuppressWarnings("try") // the data.dir lock is held while the body runs, not used in it
    public Integer call() throws Exception {
        WebhooksConfig settings = config.load(System.getenv());
        String token = null;
        if (role == Role.INGEST) {
            token = settings.getSecret(CommonConfig.API_TOKEN);
            if (token == null) {
                throw ConfigValidators.missing(CommonConfig.API_TOKEN, "the ingest role requires an API token");
            }
        }
        try (DataDirLock lock = DataDirLock.acquire(settings.getPath(CommonConfig.DATA_DIR))) {
            WebhooksProcess process = WebhooksProcess.start(settings, Set.of(role), token, Clock.systemUTC());
            String name = role.name().toLowerCase(Locale.ROOT);
            System.out.printf("Chatplugify Webhooks %s running; HTTP on %s%n", name, process.baseUrl());
            return RunUntilStopped.run(name, process, process.died());
        }
    }

    @Command(name = "ingest", mixinStandardHelpOptions = true, description = "Run the HTTP API (events in, webhooks CRUD).")
    public static final class Ingest extends RoleCommand {
        public Ingest() {
            super(Role.INGEST);
        }
    }

    @Command(name = "router", mixinStandardHelpOptions = true, description = "Run the Kafka Streams router.")
    public static final class Router extends RoleCommand {
        public Router() {
            super(Role.ROUTER);
        }
    }

    @Command(name = "deliverer", mixinStandardHelpOptions = true, description = "Run a deliverer worker.")
    public static final class Deliverer extends RoleCommand {
        public Deliverer() {
            super(Role.DELIVERER);
        }
    }
}
