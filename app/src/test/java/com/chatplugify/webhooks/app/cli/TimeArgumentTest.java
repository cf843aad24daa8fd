package com.chatplugify.webhooks.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeArgumentTest {

    private final Clock clock = Clock.fixed(Instant.parse("2024-01-15T10:30:00Z"), ZoneOffset.UTC);

    @Test
    void shouldReadIsoTimesAndDurationsAgo() {
        assertThat(TimeArgument.parse("2024-01-15T11:00:00+01:00", clock)).isEqualTo(Instant.parse("2024-01-15T10:00:00Z"));
        assertThat(TimeArgument.parse("90m", clock)).isEqualTo(Instant.parse("2024-01-15T09:00:00Z"));
        assertThat(TimeArgument.parse("2d", clock)).isEqualTo(Instant.parse("2024-01-13T10:30:00Z"));
        assertThat(TimeArgument.parse(null, clock)).isNull();
    }

    @Test
    void shouldReadDurationsFromNowForTimesToCome() {
        assertThat(TimeArgument.parseAhead("90d", clock)).isEqualTo(Instant.parse("2024-04-14T10:30:00Z"));
        assertThat(TimeArgument.parseAhead("2030-01-01T00:00:00Z", clock)).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
        assertThatThrownBy(() -> TimeArgument.parseAhead("soon", clock)).hasMessageContaining("from now");
    }

    @Test
    void shouldRefuseAnythingElse() {
        assertThatThrownBy(() -> TimeArgument.parse("yesterday", clock)).hasMessageContaining("ISO-8601");
        assertThatThrownBy(() -> TimeArgument.parse("", clock)).hasMessageContaining("empty");
        assertThatThrownBy(() -> TimeArgument.parse("  ", clock)).hasMessageContaining("empty");
        assertThatThrownBy(() -> TimeArgument.parseAhead("", clock)).hasMessageContaining("empty");
    }
}
