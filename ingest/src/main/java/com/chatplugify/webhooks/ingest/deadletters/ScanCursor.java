package com.chatplugify.webhooks.ingest.deadletters;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Where a scan of the dead-letter topic stopped: the next offset to read in each partition. Opaque to clients,
 * who pass it back, with the same filters, to continue.
 */
public record ScanCursor(Map<Integer, Long> positions) {

    static final String NOT_FROM_THIS_API = "not a cursor from this API";

    public ScanCursor {
        positions = Map.copyOf(positions);
    }

    public String encode() {
        String text = new TreeMap<>(positions).entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue())
                .collect(Collectors.joining(","));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * @throws InvalidCursorException when {@code text} is not a cursor this class wrote: malformed, or with a
     *                                negative number or a partition given twice
     */
    public static ScanCursor decode(String text) {
        Map<Integer, Long> positions = new TreeMap<>();
        try {
            String decoded = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
            for (String part : decoded.split(",")) {
                String[] pair = part.split(":");
                if (pair.length != 2) {
                    throw new IllegalArgumentException("malformed");
                }
                int partition = Integer.parseInt(pair[0]);
                long offset = Long.parseLong(pair[1]);
                if (partition < 0 || offset < 0) {
                    throw new IllegalArgumentException("negative");
                }
                if (positions.put(partition, offset) != null) {
                    throw new IllegalArgumentException("partition " + partition + " given twice");
                }
            }
        } catch (IllegalArgumentException e) {
            throw new InvalidCursorException(NOT_FROM_THIS_API + ": '" + abbreviate(text) + "'", e);
        }
        return new ScanCursor(positions);
    }

    /**
     * Checks the cursor against the topic as a scan finds it. A cursor this class wrote names only partitions the
     * topic has (it may lack ones added since) and no offset past a partition's end, which never moves back.
     *
     * @param ends the end offset of each partition of the topic
     * @throws InvalidCursorException when the cursor names another partition, or an offset past the end
     */
    void checkAgainst(Map<Integer, Long> ends) {
        positions.forEach((partition, offset) -> {
            Long end = ends.get(partition);
            if (end == null) {
                throw new InvalidCursorException(NOT_FROM_THIS_API + ": the dead-letter topic has no partition "
                        + partition, null);
            }
            if (offset > end) {
                throw new InvalidCursorException(NOT_FROM_THIS_API + ": offset " + offset + " is past the end ("
                        + end + ") of partition " + partition, null);
            }
        });
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
