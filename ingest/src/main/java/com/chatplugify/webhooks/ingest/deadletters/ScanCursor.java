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

    public ScanCursor {
        positions = Map.copyOf(positions);
    }

    public String encode() {
        String text = new TreeMap<>(positions).entrySet().stream()
                .map(entry -> entry.getKey() + ":" + entry.getValue())
                .collect(Collectors.joining(","));
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** @throws IllegalArgumentException when {@code text} is not a cursor this class wrote */
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
                positions.put(partition, offset);
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("not a cursor from this API: '" + abbreviate(text) + "'", e);
        }
        return new ScanCursor(positions);
    }

    private static String abbreviate(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
