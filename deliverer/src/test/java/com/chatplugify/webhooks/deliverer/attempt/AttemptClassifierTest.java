package com.chatplugify.webhooks.deliverer.attempt;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AttemptClassifierTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private final AttemptClassifier classifier = new AttemptClassifier(Clock.fixed(NOW, ZoneOffset.UTC),
            Duration.ofMinutes(10));

    @Test
    void shouldDeliverOnAny2xx() {
        assertThat(classifier.classify(response(200, null))).isEqualTo(new AttemptOutcome.Delivered(200));
        assertThat(classifier.classify(response(204, null))).isEqualTo(new AttemptOutcome.Delivered(204));
    }

    @Test
    void shouldTreatARedirectAsAFailure() {
        assertThat(classifier.classify(response(302, null)))
                .isEqualTo(new AttemptOutcome.RetryLater(Optional.empty(), 302, "redirect (302) not followed"));
    }

    @Test
    void shouldReportA3xxThatIsNoRedirectAsTheStatusItIs() {
        assertThat(classifier.classify(response(304, null)))
                .isEqualTo(new AttemptOutcome.RetryLater(Optional.empty(), 304, "HTTP 304"));
        assertThat(classifier.classify(response(300, null)))
                .isEqualTo(new AttemptOutcome.RetryLater(Optional.empty(), 300, "HTTP 300"));
        assertThat(classifier.classify(response(308, null)))
                .isEqualTo(new AttemptOutcome.RetryLater(Optional.empty(), 308, "redirect (308) not followed"));
    }

    @Test
    void shouldCall410Gone() {
        assertThat(classifier.classify(response(410, null))).isEqualTo(new AttemptOutcome.Gone(410));
    }

    @Test
    void shouldRetryOtherStatusesAndErrors() {
        assertThat(classifier.classify(response(500, "5"))).isEqualTo(
                new AttemptOutcome.RetryLater(Optional.empty(), 500, "HTTP 500"));
        assertThat(classifier.classify(HttpAttempt.failed("timed out", Duration.ofSeconds(10)))).isEqualTo(
                new AttemptOutcome.RetryLater(Optional.empty(), null, "timed out"));
    }

    @Test
    void shouldReadRetryAfterInSecondsOn429And503() {
        assertThat(retryAfter(response(429, "120"))).contains(Duration.ofSeconds(120));
        assertThat(retryAfter(response(503, " 7 "))).contains(Duration.ofSeconds(7));
    }

    @Test
    void shouldReadRetryAfterAsAnHttpDate() {
        assertThat(retryAfter(response(429, "Mon, 15 Jan 2024 10:32:00 GMT"))).contains(Duration.ofMinutes(2));
        assertThat(retryAfter(response(429, "Mon, 15 Jan 2024 10:00:00 GMT"))).contains(Duration.ZERO);
    }

    @Test
    void shouldReadRetryAfterInEachOfTheThreeHttpDateFormats() {
        assertThat(retryAfter(response(429, "Mon, 15 Jan 2024 10:32:00 GMT"))).as("IMF-fixdate")
                .contains(Duration.ofMinutes(2));
        assertThat(retryAfter(response(429, "Monday, 15-Jan-24 10:32:00 GMT"))).as("RFC 850")
                .contains(Duration.ofMinutes(2));
        assertThat(retryAfter(response(429, "Mon Jan 15 10:32:00 2024"))).as("asctime").contains(Duration.ofMinutes(2));
        assertThat(retryAfter(response(503, "Mon Jan  1 10:32:00 2024"))).as("asctime, a day padded with a space")
                .contains(Duration.ZERO);
    }

    @Test
    void shouldReadAnHttpDateWhoseDayNameIsWrong() {
        assertThat(retryAfter(response(429, "Fri, 15 Jan 2024 10:32:00 GMT"))).contains(Duration.ofMinutes(2));
        assertThat(retryAfter(response(429, "Sunday, 15-Jan-24 10:32:00 GMT"))).contains(Duration.ofMinutes(2));
    }

    @Test
    void shouldReadAnRfc850YearMoreThan50YearsAheadAsTheCenturyBefore() {
        assertThat(retryAfter(response(429, "Thursday, 15-Jan-99 10:32:00 GMT"))).as("1999, not 2099")
                .contains(Duration.ZERO);
    }

    @Test
    void shouldBoundRetryAfter() {
        assertThat(retryAfter(response(429, "86400"))).contains(Duration.ofMinutes(10));
    }

    @Test
    void shouldBoundRetryAfterInSecondsTooLongForALong() {
        assertThat(retryAfter(response(429, "99999999999999999999999"))).contains(Duration.ofMinutes(10));
        assertThat(retryAfter(response(503, "9223372036854775807"))).contains(Duration.ofMinutes(10));
    }

    @Test
    void shouldIgnoreRetryAfterThatIsUnreadableOrOnOtherStatuses() {
        assertThat(retryAfter(response(429, "soon"))).isEmpty();
        assertThat(retryAfter(response(429, "-3"))).isEmpty();
        assertThat(retryAfter(response(429, "1.5"))).isEmpty();
        assertThat(retryAfter(response(429, "15 Jan 2024 10:32:00 GMT"))).as("no day name").isEmpty();
        assertThat(retryAfter(response(429, "Mon, 15 Jan 2024 10:32:00 +0000"))).as("not GMT").isEmpty();
        assertThat(retryAfter(response(429, "Mon, 30 Feb 2024 10:32:00 GMT"))).as("no such day").isEmpty();
        assertThat(retryAfter(response(500, "30"))).isEmpty();
    }

    @Test
    void shouldIgnoreRetryAfterWhenTheBoundIsZero() {
        AttemptClassifier ignoring = new AttemptClassifier(Clock.fixed(NOW, ZoneOffset.UTC), Duration.ZERO);
        AttemptOutcome outcome = ignoring.classify(response(429, "30"));

        assertThat(((AttemptOutcome.RetryLater) outcome).retryAfter()).contains(Duration.ZERO);
    }

    @Test
    void shouldReportARefusedEndpoint() {
        assertThat(classifier.classify(HttpAttempt.refused("address refused: x", Duration.ZERO)))
                .isEqualTo(new AttemptOutcome.Refused("address refused: x"));
    }

    private Optional<Duration> retryAfter(HttpAttempt attempt) {
        return ((AttemptOutcome.RetryLater) classifier.classify(attempt)).retryAfter();
    }

    private static HttpAttempt response(int status, String retryAfter) {
        return new HttpAttempt(status, retryAfter, new byte[0], Duration.ofMillis(5), null);
    }
}
