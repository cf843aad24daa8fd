package com.chatplugify.webhooks.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StatusLineTest {

    private final StringWriter out = new StringWriter();

    @Test
    void shouldRedrawOverTheLongerPreviousStatusOnATerminal() {
        StatusLine line = new StatusLine(new PrintWriter(out), true);

        line.show("12345");
        line.show("ab");
        line.end();

        assertThat(out.toString()).isEqualTo("\r12345\rab   " + System.lineSeparator());
    }

    @Test
    void shouldEraseTheStatusBeforeALineOfItsOwnOnATerminal() {
        StatusLine line = new StatusLine(new PrintWriter(out), true);

        line.show("abc");
        line.println("result");
        line.end();

        assertThat(out.toString()).isEqualTo("\rabc\r   \rresult" + System.lineSeparator());
    }

    @Test
    void shouldWriteEachStatusOnALineOfItsOwnWithoutCarriageReturnsElsewhere() {
        StatusLine line = new StatusLine(new PrintWriter(out), false);

        line.show("first");
        line.println("result");
        line.show("second");
        line.end();

        assertThat(out.toString()).doesNotContain("\r")
                .isEqualTo(String.join(System.lineSeparator(), "first", "result", "second", ""));
    }
}
