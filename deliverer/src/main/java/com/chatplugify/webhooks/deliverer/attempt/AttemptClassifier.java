package com.chatplugify.webhooks.deliverer.attempt;

import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;

/**
 * The one place that owns the status-code rules: 2xx delivered, 410 gone, a refused endpoint refused, anything else
 * (3xx included: redirects are not followed, and a 304 is no success for a POST) retried, with the {@code Retry-After} of a 429 or 503 honoured up to
 * a bound.
 */
public final class AttemptClassifier {

    /** The statuses that redirect (RFC 9110 §15.4); other 3xx (300, 304, ...) are plain unexpected statuses. */
    private static final Set<Integer> REDIRECTS = Set.of(301, 302, 303, 307, 308);

    private final Clock clock;
    private final Duration retryAfterMax;

    /** @param retryAfterMax the longest {@code Retry-After} honoured; longer ones are cut to it, zero ignores them */
    public AttemptClassifier(Clock clock, Duration retryAfterMax) {
        this.clock = clock;
        this.retryAfterMax = retryAfterMax;
    }

    public AttemptOutcome classify(HttpAttempt attempt) {
        if (attempt.refused()) {
            return new AttemptOutcome.Refused(attempt.error());
        }
        if (!attempt.responded()) {
            return new AttemptOutcome.RetryLater(Optional.empty(), null, attempt.error());
        }
        int status = attempt.status();
        if (status >= 200 && status < 300) {
            return new AttemptOutcome.Delivered(status);
        }
        if (status == 410) {
            return new AttemptOutcome.Gone(status);
        }
        Optional<Duration> retryAfter = status == 429 || status == 503
                ? attempt.retryAfterHeader().flatMap(this::parseRetryAfter).map(this::bounded)
                : Optional.empty();
        String reason = REDIRECTS.contains(status) ? "redirect (" + status + ") not followed" : "HTTP " + status;
        return new AttemptOutcome.RetryLater(retryAfter, status, reason);
    }

    private Duration bounded(Duration requested) {
        return requested.compareTo(retryAfterMax) > 0 ? retryAfterMax : requested;
    }

    /**
     * {@code Retry-After} is either seconds (digits only; more than a long holds is the longest wait there is, cut
     * like any other) or an HTTP-date in any of its three formats (RFC 9110 §10.2.3, §5.6.7); anything else is
     * ignored.
     */
    Optional<Duration> parseRetryAfter(String value) {
        String trimmed = value.trim();
        if (!trimmed.isEmpty() && trimmed.chars().allMatch(c -> c >= '0' && c <= '9')) {
            try {
                return Optional.of(Duration.ofSeconds(Long.parseLong(trimmed)));
            } catch (NumberFormatException tooLong) {
                return Optional.of(Duration.ofSeconds(Long.MAX_VALUE));
            }
        }
        Instant now = clock.instant();
        return HttpDate.parse(trimmed, now).map(at -> {
            Duration wait = Duration.between(now, at);
            return wait.isNegative() ? Duration.ZERO : wait;
        });
    }
}
