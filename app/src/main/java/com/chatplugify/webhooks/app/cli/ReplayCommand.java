package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.deadletters.DeadLetterQuery;
import com.chatplugify.webhooks.ingest.deadletters.DeadLetters;
import com.chatplugify.webhooks.ingest.deadletters.ReplayInterruptedException;
import com.chatplugify.webhooks.ingest.deadletters.ReplayReport;
import com.chatplugify.webhooks.ingest.deadletters.ReplayRequest;
import com.chatplugify.webhooks.ingest.deadletters.ReplayTargets;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bin/webhooks replay}: re-delivers dead letters straight from Kafka, as the API's replay does. */
@Command(name = "replay", mixinStandardHelpOptions = true,
        description = {"Re-deliver dead letters with fresh attempts, at replay.rate-per-second; each at most once, "
                + "however often this runs. Talks to Kafka directly (kafka.bootstrap.servers).",
            "Give at least one filter, or --all for every workspace's dead letters.",
            "Prints a summary; a progress bar on stderr while it lasts."},
        exitCodeListHeading = "%nExit status:%n",
        exitCodeList = {"0:replayed what matched, or nothing matched, or a --dry-run",
            "1:failed, or stopped part-way (what was replayed stays replayed)",
            "2:a usage or configuration error",
            "3:nothing replayed, because what matched was skipped (webhook deleted, moved or disabled, unreadable), "
                + "apart from any replayed before"})
public final class ReplayCommand implements Callable<Integer> {

    /** Exit status when dead letters matched but none was replayed because each was skipped. */
    public static final int ALL_SKIPPED = 3;

    private static final Duration VIEW_TIMEOUT = Duration.ofSeconds(60);

    @Mixin
    ConfigOptions config;

    @Option(names = "--workspace", paramLabel = "ID", description = "Only dead letters of this workspace's events.")
    String workspaceId;

    @Option(names = "--webhook", paramLabel = "ID", description = "Only dead letters of this webhook.")
    String webhookId;

    @Option(names = "--event", paramLabel = "TYPE", description = "Only this event type, or family such as task.*.")
    String event;

    @Option(names = "--reason", paramLabel = "REASON", description = "Only this reason, e.g. retries_exhausted.")
    String reason;

    @Option(names = "--since", paramLabel = "T",
            description = "Only those dead-lettered at or after T: ISO-8601 (2024-01-15T10:30:00Z) or a duration ago (2h).")
    String since;

    @Option(names = "--until", paramLabel = "T", description = "Only those dead-lettered before T (same forms).")
    String until;

    @Option(names = "--all", description = "Replay every dead letter of every workspace: required when no filter is given.")
    boolean all;

    @Option(names = "--dry-run", description = "Count what would be replayed; write nothing.")
    boolean dryRun;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Clock clock = Clock.systemUTC();
        DeadLetterQuery query = query(clock);
        WebhooksConfig settings = config.load(System.getenv());
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try (SubscriptionView view = SubscriptionView.create(settings, "replay-subscription-view").start();
             DeadLetters deadLetters = DeadLetters.create(settings, ReplayTargets.of(view), new SimpleMeterRegistry(),
                     clock)) {
            view.awaitCaughtUp().get(VIEW_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            ProgressBar progress = new ProgressBar(new StatusLine(err, System.console() != null),
                    dryRun ? "Counting" : "Replaying", System::nanoTime);
            long startedAt = System.nanoTime();
            try {
                ReplayReport report = deadLetters.replayer().replay(ReplayRequest.unbounded(query, dryRun), progress);
                progress.finish();
                out.println(ReplaySummary.of(report, Duration.ofNanos(System.nanoTime() - startedAt)));
                return exitStatus(report);
            } catch (ReplayInterruptedException e) {
                progress.finish();
                err.println("Replay stopped: " + e.getMessage());
                out.println(ReplaySummary.of(e.soFar(), Duration.ofNanos(System.nanoTime() - startedAt)));
                return 1;
            }
        }
    }

    /**
     * {@link #ALL_SKIPPED} when a replay that writes replayed nothing though some matches were skipped, so that a script
     * can tell it from success; else 0 (a dry run, or no match, is not a failure).
     */
    static int exitStatus(ReplayReport report) {
        return !report.dryRun() && report.replayed() == 0 && report.skippedTotal() > 0 ? ALL_SKIPPED : 0;
    }

    private DeadLetterQuery query(Clock clock) {
        CommandLine commandLine = spec.commandLine();
        DeadLetterQuery query = new DeadLetterQuery(FilterOption.text(commandLine, "--workspace", workspaceId),
                FilterOption.text(commandLine, "--webhook", webhookId), FilterOption.text(commandLine, "--event", event),
                FilterOption.text(commandLine, "--reason", reason), time("--since", since, clock),
                time("--until", until, clock));
        boolean unfiltered = query.equals(DeadLetterQuery.all());
        if (unfiltered && !all) {
            throw new CommandLine.ParameterException(commandLine, "give at least one filter (--workspace, --webhook, "
                    + "--event, --reason, --since, --until), or --all to replay every workspace's dead letters");
        }
        if (!unfiltered && all) {
            throw new CommandLine.ParameterException(commandLine, "--all replays every dead letter: give it alone, "
                    + "or the filters without it");
        }
        List<Violation> problems = query.problems();
        if (!problems.isEmpty()) {
            throw new CommandLine.ParameterException(commandLine,
                    problems.stream().map(Violation::message).collect(Collectors.joining("; ")));
        }
        return query;
    }

    private Instant time(String option, String text, Clock clock) {
        try {
            return TimeArgument.parse(text, clock);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), option + ": " + e.getMessage());
        }
    }
}
