package com.chatplugify.webhooks.deliverer.attempt;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.ResolverStyle;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Reads an HTTP-date as RFC 9110 §5.6.7 asks recipients to: IMF-fixdate ({@code Sun, 06 Nov 1994 08:49:37 GMT}),
 * RFC 850 ({@code Sunday, 06-Nov-94 08:49:37 GMT}) and asctime ({@code Sun Nov  6 08:49:37 1994}).
 *
 * <p>httpclient5's {@code DateUtils.parseStandardDate} was the first choice, but it refuses a day name that does not
 * match the date and every asctime date (the space-padded day of the RFC's own example included). The day name
 * carries nothing the date does not, so it is not checked here; runs of spaces count as one.
 */
final class HttpDate {

    private static final List<DateTimeFormatter> FORMATS = List.of(
            format("d MMM uuuu HH:mm:ss 'GMT'"),
            format("d-MMM-uu HH:mm:ss 'GMT'"),
            format("MMM d HH:mm:ss uuuu"));
    /** RFC 850's two-digit years: one more than this far ahead means the century before. */
    private static final int RFC_850_YEARS_AHEAD = 50;

    private HttpDate() {
    }

    /** The instant {@code value} names, or empty when it is none of the three formats. */
    static Optional<Instant> parse(String value, Instant now) {
        String text = value.strip().replaceAll("\\s+", " ");
        int dayNameEnd = 0;
        while (dayNameEnd < text.length() && Character.isLetter(text.charAt(dayNameEnd))) {
            dayNameEnd++;
        }
        if (dayNameEnd == 0) {
            return Optional.empty();
        }
        String date = text.substring(text.startsWith(",", dayNameEnd) ? dayNameEnd + 1 : dayNameEnd).strip();
        for (int index = 0; index < FORMATS.size(); index++) {
            try {
                Instant at = LocalDateTime.parse(date, FORMATS.get(index)).toInstant(ZoneOffset.UTC);
                boolean twoDigitYear = index == 1;
                return Optional.of(twoDigitYear && at.isAfter(yearsAhead(now)) ? centuryBefore(at) : at);
            } catch (DateTimeException notThisFormat) {
                // try the next
            }
        }
        return Optional.empty();
    }

    private static DateTimeFormatter format(String pattern) {
        return new DateTimeFormatterBuilder().parseCaseInsensitive().appendPattern(pattern)
                .toFormatter(Locale.ROOT).withResolverStyle(ResolverStyle.STRICT);
    }

    private static Instant yearsAhead(Instant now) {
        return now.atZone(ZoneOffset.UTC).plusYears(RFC_850_YEARS_AHEAD).toInstant();
    }

    private static Instant centuryBefore(Instant at) {
        return at.atZone(ZoneOffset.UTC).minusYears(100).toInstant();
    }
}
