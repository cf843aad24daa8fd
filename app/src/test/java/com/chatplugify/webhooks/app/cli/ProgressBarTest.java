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
    private final ProgressBar bar = new ProgressBar(new PrintWriter(err), "Replaying", nanos::get);

    @Test
    void shouldDrawNothingForAShortReplay() {
        bar.update(10, 100, 5);
        bar.finish();

        assertThat(err.toString()).isEmpty();
    }

    @Test
    void shouldRedrawOneLineInPlaceOnceTheReplayLasts() {
        nanos.set(Duration.ofMillis(1500).toNanos());
        bar.update(50, 100, 20);
        nanos.addAndGet(Duration.ofMillis(300).toNanos());
        bar.update(100, 100, 40);
        bar.finish();

        assertThat(err.toString().split("\r")).hasSize(3);
        assertThat(err.toString()).contains("[###############...............]  50%  50/100 read, 20 replayed")
                .contains("100%  100/100 read, 40 replayed").endsWith(System.lineSeparator());
    }
}
