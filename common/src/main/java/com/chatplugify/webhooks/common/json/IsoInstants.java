package com.chatplugify.webhooks.common.json;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;

/**
 * Reads ISO-8601 timestamps with a zone, such as {@code 2024-01-15T10:30:00.123Z}, into {@link Instant}s.
 *
 * <p>Every event and delivery carries one, and {@code java.time}'s formatters took a quarter of the router's
 * parsing time and a good share of the deliverer's. The shape every producer writes in practice (four-digit year,
 * seconds, 0 to 9 fraction digits, {@code Z}) is read by hand; anything else falls back to
 * {@link OffsetDateTime#parse}, so the accepted inputs and the errors are exactly those of {@code java.time}.
 */
public final class IsoInstants {

    private static final int SECONDS_PER_DAY = 86_400;

    private IsoInstants() {
    }

    /**
     * Parses {@code text} as {@link OffsetDateTime#parse} does and returns its instant.
     *
     * @throws java.time.format.DateTimeParseException if {@code text} is not an ISO-8601 date-time with an offset
     */
    public static Instant parse(String text) {
        Instant fast = parseUtc(text);
        return fast != null ? fast : OffsetDateTime.parse(text).toInstant();
    }

    /** {@code uuuu-MM-ddTHH:mm:ss[.fffffffff]Z}, or null for any other shape or an out-of-range field. */
    static Instant parseUtc(String text) {
        int length = text.length();
        if (length < 20 || length > 30 || text.charAt(length - 1) != 'Z'
                || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        int nanos = 0;
        if (length > 20) {
            int fractionDigits = length - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            nanos = digits(text, 20, length - 1);
            for (int scale = fractionDigits; scale < 9 && nanos >= 0; scale++) {
                nanos *= 10;
            }
        }
        if ((year | month | day | hour | minute | second | nanos) < 0 || hour > 23 || minute > 59 || second > 59) {
            return null;
        }
        try {
            long epochDay = LocalDate.of(year, month, day).toEpochDay();
            return Instant.ofEpochSecond(epochDay * SECONDS_PER_DAY + hour * 3_600L + minute * 60L + second, nanos);
        } catch (DateTimeException e) {
            return null; // 30 February and the like: java.time says why
        }
    }

    /** The decimal number in {@code text[from, to)}, or -1 if a character is not an ASCII digit. */
    private static int digits(String text, int from, int to) {
        int value = 0;
        for (int i = from; i < to; i++) {
            int digit = text.charAt(i) - '0';
            if (digit < 0 || digit > 9) {
                return -1;
            }
            value = value * 10 + digit;
        }
        return value;
    }
}
