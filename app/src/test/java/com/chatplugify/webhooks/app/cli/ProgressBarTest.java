package com.chatplugify.webhooks.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ProgressBarTest {

    private final StringWriter err = new StringWriter();
    private final AtomicLong nanos = new AtomicLong();

    @Test
    void shouldDrawNothingForAShortReplay() {
        ProgressBar bar = bar(true);

        bar.update(10, 100, 5);
        bar.finish();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldRedrawOneLineInPlaceOnATerminalOnceTheReplayLasts() {
        ProgressBar bar = bar(true);

        nanos.set(Duration.ofMillis(1500).toNanos());
        bar.update(50, 100, 20);
        nanos.addAndGet(Duration.ofMillis(300).toNanos());
        bar.update(100, 100, 40);
        bar.finish();

        assertThat(err.toString().split("\r")).hasSize(3);
        assertThat(err.toString()).contains("[###############...............]  50%  50/100 read, 20 replayed")
                .contains("100%  100/100 read, 40 replayed").endsWith(System.lineSeparator());
    }

    @Test
    void shouldWriteALineEveryFiveSecondsWithoutCarriageReturnsElsewhere() {
        ProgressBar bar = bar(false);

        nanos.set(Duration.ofMillis(1500).toNanos());
        bar.update(20, 100, 10);
        nanos.addAndGet(Duration.ofSeconds(1).toNanos());
        bar.update(40, 100, 20);
        nanos.addAndGet(Duration.ofSeconds(5).toNanos());
        bar.update(100, 100, 50);
        bar.finish();

        assertThat(err.toString()).doesNotContain("\r");
        assertThat(err.toString().lines()).hasSize(2).satisfiesExactly(
                first -> assertThat(first).endsWith("20%  20/100 read, 10 replayed"),
                second -> assertThat(second).endsWith("100%  100/100 read, 50 replayed"));
    }

    private ProgressBar bar(boolean terminal) {
        return new ProgressBar(new StatusLine(new PrintWriter(err), terminal), "Replaying", nanos::get);
    }
}
