package com.chatplugify.webhooks.ingest.history;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * Where an attempt sits in a webhook's history: ordered by when it was made, then by its id. Encoded, it is the
 * cursor of a page of attempts; the same on every API instance, since all read the same topic.
 *
 * @param id the attempt's record in {@code chatplugify.delivery-attempts}, {@code partition-offset}
 */
public record AttemptPosition(Instant attemptedAt, String id) implements Comparable<AttemptPosition> {

    private static final Comparator<AttemptPosition> ORDER = Comparator.comparing(AttemptPosition::attemptedAt)
            .thenComparing(AttemptPosition::id);
    private static final char SEPARATOR = '|';

    @Override
    public int compareTo(AttemptPosition other) {
        return ORDER.compare(this, other);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((attemptedAt.toString() + SEPARATOR + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code cursor} is not one {@link #encode} made */
    public static AttemptPosition decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = text.indexOf(SEPARATOR);
            if (separator < 0) {
                throw new IllegalArgumentException("not a cursor of this API");
            }
            return new AttemptPosition(Instant.parse(text.substring(0, separator)), text.substring(separator + 1));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("not a cursor of this API", e);
        }
    }
}
