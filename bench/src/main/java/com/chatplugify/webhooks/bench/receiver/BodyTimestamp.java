package com.chatplugify.webhooks.bench.receiver;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Reads the {@code "timestamp"} of a delivered body without parsing the rest of the JSON: the receiver must not be
 * what limits the figures. The bench's own event data has no {@code timestamp} key, so the first one is the event's.
 */
public final class BodyTimestamp {

    private static final byte[] KEY = "\"timestamp\"".getBytes(StandardCharsets.US_ASCII);
    private static final int NONE = -1;

    private BodyTimestamp() {
    }

    /** The event timestamp in microseconds since the epoch, or -1 when the body has none. */
    public static long micros(byte[] body) {
        int key = indexOf(body, KEY, 0);
        if (key < 0) {
            return NONE;
        }
        int i = key + KEY.length;
        while (i < body.length && (body[i] == ' ' || body[i] == ':' || body[i] == '\t' || body[i] == '\n' || body[i] == '\r')) {
            i++;
        }
        if (i >= body.length || body[i] != '"') {
            return NONE;
        }
        int end = i + 1;
        while (end < body.length && body[end] != '"') {
            end++;
        }
        if (end >= body.length) {
            return NONE;
        }
        try {
            Instant instant = Instant.parse(new String(body, i + 1, end - i - 1, StandardCharsets.US_ASCII));
            return instant.getEpochSecond() * 1_000_000L + instant.getNano() / 1_000;
        } catch (DateTimeParseException e) {
            return NONE;
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle, int from) {
        outer:
        for (int i = from; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }
}
