package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.ingest.deadletters.ReplayReport;
import java.time.Duration;
import java.util.Locale;
import java.util.stream.Collectors;

/** The closing lines of {@code bin/webhooks replay}. */
final class ReplaySummary {

    private ReplaySummary() {
    }

    static String of(ReplayReport report, Duration elapsed) {
        StringBuilder text = new StringBuilder();
        text.append(report.dryRun() ? "Dry run: would replay " : "Replayed ").append(report.replayed())
                .append(report.replayed() == 1 ? " dead letter" : " dead letters")
                .append(String.format(Locale.ROOT, " in %.1f s", elapsed.toMillis() / 1000.0)).append('\n');
        text.append("  matched           ").append(report.matched()).append('\n');
        text.append("  already replayed  ").append(report.alreadyReplayed()).append('\n');
        text.append("  skipped           ").append(report.skippedTotal());
        if (!report.skipped().isEmpty()) {
            text.append(report.skipped().entrySet().stream()
                    .map(entry -> entry.getKey() + " " + entry.getValue())
                    .collect(Collectors.joining(", ", " (", ")")));
        }
        return text.toString();
    }
}
