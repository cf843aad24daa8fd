package com.chatplugify.webhooks.app.reliability;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The figures of the fault tests: a one-line summary per fault in the test log, and a row per fault in
 * {@code target/reliability-report.md} (written afresh by each test JVM), where the fault tests' figures in
 * BENCHMARKS.md come from.
 */
final class ReliabilityReport {

    private static final Logger log = LoggerFactory.getLogger(ReliabilityReport.class);
    private static final Path FILE = Path.of("target", "reliability-report.md");
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final String HEADER = """
            # Fault tests

            | fault | events | deliveries | delivered | duplicates | dead-lettered | lost | time | what happened |
            | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |
            """;

    private ReliabilityReport() {
    }

    /** Logs and records the outcome of one fault; returns the summary line. */
    static synchronized String record(String fault, int events, DeliveryAccount.Tally tally, Duration time, String what) {
        String seconds = String.format(Locale.ROOT, "%.1fs", time.toMillis() / 1000.0);
        String line = String.format(Locale.ROOT, "fault=%s events=%d deliveries=%d delivered=%d duplicates=%d dlq=%d "
                        + "lost=%d both=%d time=%s", fault, events, tally.expected(), tally.delivered(), tally.duplicates(),
                tally.deadLettered(), tally.lost(), tally.both(), seconds);
        log.info("{} ({})", line, what);
        String row = String.format(Locale.ROOT, "| %s | %d | %d | %d | %d | %d | %d | %s | %s |%n", fault, events,
                tally.expected(), tally.delivered(), tally.duplicates(), tally.deadLettered(), tally.lost(), seconds, what);
        try {
            Files.createDirectories(FILE.getParent());
            if (STARTED.compareAndSet(false, true)) {
                Files.writeString(FILE, HEADER, StandardCharsets.UTF_8);
            }
            Files.writeString(FILE, row, StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + FILE, e);
        }
        return line;
    }
}
