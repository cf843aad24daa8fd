package com.chatplugify.webhooks.app.cli;

import com.chatplugify.webhooks.common.config.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A point in time as operators type it: ISO-8601 ({@code 2024-01-15T10:30:00Z}) or a duration ago ({@code 2h}). */
final class TimeArgument {

    private TimeArgument() {
    }

    /** @return null when {@code text} is null */
    static Instant parse(String text, Clock clock) {
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text.trim()).toInstant();
        } catch (DateTimeParseException notIso) {
            try {
                return clock.instant().minus(Durations.parse(text));
            } catch (IllegalArgumentException notDuration) {
                throw new IllegalArgumentException("'" + text + "' is neither an ISO-8601 time such as "
                        + "2024-01-15T10:30:00Z nor a duration ago such as 90m, 2h or 7d");
            }
        }
    }
}
