package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.app.cli.BrokerCommand;
import com.chatplugify.webhooks.app.cli.ReceiveCommand;
import com.chatplugify.webhooks.app.cli.ReplayCommand;
import com.chatplugify.webhooks.app.cli.RoleCommand;
import com.chatplugify.webhooks.app.cli.StandaloneCommand;
import com.chatplugify.webhooks.app.cli.TokensCommand;
import com.chatplugify.webhooks.common.Version;
import com.chatplugify.webhooks.common.kafka.KafkaUnreachableException;
import org.apache.kafka.common.config.ConfigException;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code bin/webhooks}: the one entry point of the distribution. */
@Command(name = "webhooks", mixinStandardHelpOptions = true, versionProvider = WebhooksCommand.VersionProvider.class,
        description = "Chatplugify Webhooks: webhook delivery on Apache Kafka.",
        subcommands = {StandaloneCommand.class, RoleCommand.Ingest.class, RoleCommand.Router.class,
            RoleCommand.Deliverer.class, BrokerCommand.class, ReplayCommand.class, TokensCommand.class, ReceiveCommand.class,
            CommandLine.HelpCommand.class},
        footer = {"", "The benchmark, bin/webhooks bench, is a program of its own (module bench): see bin/webhooks bench --help."})
public final class WebhooksCommand implements Runnable {

    /** Exit status for a configuration error. */
    public static final int CONFIG_ERROR = 2;
    /** Exit status when start-up or a run failed. */
    public static final int FAILED = 1;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    public static CommandLine commandLine() {
        return commandLine(new WebhooksCommand());
    }

    /**
     * The command line of {@code command}, which reports a configuration error and a failure the way every command of
     * the distribution does: with {@link #CONFIG_ERROR} and {@link #FAILED}.
     */
    public static CommandLine commandLine(Object command) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setExecutionExceptionHandler((e, cmd, parseResult) -> {
            if (e instanceof ConfigException || e instanceof IllegalArgumentException) {
                cmd.getErr().println("Configuration error: " + e.getMessage());
                return CONFIG_ERROR;
            }
            if (e instanceof KafkaUnreachableException || e instanceof DataDirInUseException) {
                // Expected when the brokers are down or elsewhere, or another process runs on the same data.dir: the
                // message says where (and how long); no stack trace.
                cmd.getErr().println("Failed: " + e.getMessage());
                return FAILED;
            }
            LoggerFactory.getLogger(WebhooksCommand.class).error("{} failed", cmd.getCommandName(), e);
            cmd.getErr().println("Failed: " + e.getMessage());
            return FAILED;
        });
        return commandLine;
    }

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {"Chatplugify Webhooks " + Version.current()};
        }
    }
}
