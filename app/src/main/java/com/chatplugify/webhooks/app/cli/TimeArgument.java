package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.common.config.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * A point in time as operators type it: ISO-8601 ({@code 2024-01-15T10:30:00Z}), or a duration ago ({@code 2h}) or,
 * for times to come, from now.
 */
final class TimeArgument {

    private TimeArgument() {
    }

    /**
     * @return null when {@code text} is null (the option is absent)
     * @throws IllegalArgumentException for a blank {@code text}, which is no time, or anything else unreadable
     */
    static Instant parse(String text, Clock clock) {
        return parse(text, clock, -1, "ago");
    }

    /** A time to come: ISO-8601 or a duration from now ({@code 90d}); null when {@code text} is null, as parse. */
    static Instant parseAhead(String text, Clock clock) {
        return parse(text, clock, 1, "from now");
    }

    private static Instant parse(String text, Clock clock, int sign, String direction) {
        if (text == null) {
            return null;
        }
        if (text.isBlank()) {
            // An unset shell variable ("$SINCE") must not silently drop the time window.
            throw new IllegalArgumentException("is empty: give an ISO-8601 time such as 2024-01-15T10:30:00Z or a "
                    + "duration " + direction + " such as 90m, 2h or 7d, or leave the option out");
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return clock.instant().plus(Durations.parse(text).multipliedBy(sign));
            } catch (IllegalArgumentException notDuration) {
                throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 time such as "
                        + "2024-01-15T10:30:00Z nor a duration " + direction + " such as 90m, 2h or 7d");
            }
        }
    }
}
