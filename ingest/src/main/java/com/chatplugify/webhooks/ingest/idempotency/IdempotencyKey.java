package com.chatplugify.webhooks.ingest.idempotency;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * An {@code Idempotency-Key} as its caller's own: two callers' equal keys never meet. Kafka sees only a hash of
 * scope and key, never the key or the caller's credentials.
 *
 * @param scope whose key it is ({@link #scopeOfToken})
 * @param key   the header's value
 */
public record IdempotencyKey(String scope, String key) {

    /** The longest key accepted. */
    public static final int MAX_LENGTH = 255;

    /**
     * The scope of a caller identified by its bearer token: the token's hash. Every token is a scope of its own: the
     * admin's {@code api.token}, and each workspace token (whose secret never changes while it lives), so two tokens
     * of one workspace never meet each other's keys; a retry comes with the token of the first attempt.
     */
    public static String scopeOfToken(String token) {
        return "token:" + sha256(token).substring(0, 32);
    }

    /** Why {@code value} cannot be a key, or null when it can: 1 to 255 visible ASCII characters or spaces. */
    public static String problemWith(String value) {
        if (value.isEmpty() || value.length() > MAX_LENGTH) {
            return "an Idempotency-Key is 1 to " + MAX_LENGTH + " characters";
        }
        if (!value.chars().allMatch(c -> c >= 0x20 && c <= 0x7e) || !value.strip().equals(value)) {
            return "an Idempotency-Key is visible ASCII characters (spaces inside only), such as a UUID";
        }
        return null;
    }

    /** The key of the key's records in Kafka. */
    public String recordKey() {
        return sha256(scope + "\n" + key);
    }

    static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
