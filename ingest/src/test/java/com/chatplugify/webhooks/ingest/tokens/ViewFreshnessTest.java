package com.chatplugify.webhooks.ingest.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ViewFreshnessTest {

    private static final Instant T0 = Instant.parse("2030-01-01T00:00:00Z");

    private final ViewFreshness freshness = new ViewFreshness(Duration.ofSeconds(1));

    @Test
    void shouldBeCurrentAsOfWhenTheCheckStartedOnceItCompletes() {
        assertThat(freshness.checkDue(T0)).isTrue();
        freshness.checking(T0);
        assertThat(freshness.currentAsOf()).as("the check is under way").isNull();

        freshness.checked();

        assertThat(freshness.currentAsOf()).isEqualTo(T0);
        assertThat(freshness.staleness(T0.plusSeconds(3))).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void shouldCheckOneAtATimeAndNoMoreOftenThanTheInterval() {
        freshness.checking(T0);
        assertThat(freshness.checkDue(T0.plusSeconds(5))).as("one pending").isFalse();
        assertThat(freshness.idle()).isFalse();

        freshness.checked();

        assertThat(freshness.idle()).isTrue();
        assertThat(freshness.checkDue(T0.plusMillis(999))).isFalse();
        assertThat(freshness.checkDue(T0.plusSeconds(1))).isTrue();
    }

    @Test
    void shouldStayAsOfTheLastCompletedCheckWhileANewOneIsUnderWay() {
        freshness.checking(T0);
        freshness.checked();
        freshness.checking(T0.plusSeconds(1));

        assertThat(freshness.currentAsOf()).isEqualTo(T0);
        assertThat(freshness.staleness(T0.plusSeconds(30))).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void shouldStartTheNextCheckWhenDueAfterOneFailed() {
        freshness.checking(T0);
        freshness.checked();
        freshness.checking(T0.plusSeconds(1));

        freshness.checkFailed();

        assertThat(freshness.idle()).isTrue();
        assertThat(freshness.currentAsOf()).as("as current as before").isEqualTo(T0);
        assertThat(freshness.checkDue(T0.plusSeconds(2))).isTrue();
    }
}
