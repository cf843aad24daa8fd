package com.chatplugify.webhooks.ingest.paging;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.Base64;
import java.util.Comparator;

/**
 * Where an entry sits in a list ordered by a time, then by its id: an attempt in a webhook's history (when it was
 * made, its record), a webhook in its workspace's list (when it was created, its id). Encoded, it is the cursor of
 * the next page; the same on every API instance, since all read the same topics.
 */
public record ListPosition(Instant at, String id) implements Comparable<ListPosition> {

    private static final Comparator<ListPosition> ORDER = Comparator.comparing(ListPosition::at)
            .thenComparing(ListPosition::id);
    private static final char SEPARATOR = '|';

    @Override
    public int compareTo(ListPosition other) {
        return ORDER.compare(this, other);
    }

    public String encode() {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((at.toString() + SEPARATOR + id).getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code cursor} is not one {@link #encode} made */
    public static ListPosition decode(String cursor) {
        try {
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            int separator = text.indexOf(SEPARATOR);
            if (separator < 0) {
                throw new IllegalArgumentException("not a cursor of this API");
            }
            return new ListPosition(Instant.parse(text.substring(0, separator)), text.substring(separator + 1));
        } catch (IllegalArgumentException | DateTimeException e) {
            throw new IllegalArgumentException("not a cursor of this API", e);
        }
    }
}
