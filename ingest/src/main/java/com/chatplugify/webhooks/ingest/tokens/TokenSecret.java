package com.chatplugify.webhooks.ingest.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * A workspace token's secret: {@value #PREFIX} and 32 random bytes, base64url. The prefix lets people and secret
 * scanners recognise one; being random, it needs no slow password hash: SHA-256 of it is what is stored and looked up.
 */
public final class TokenSecret {

    public static final String PREFIX = "cpws_";
    private static final int RANDOM_BYTES = 32;
    private static final int HINT_LENGTH = 4;

    private final SecureRandom random;

    public TokenSecret(SecureRandom random) {
        this.random = random;
    }

    public String generate() {
        byte[] bytes = new byte[RANDOM_BYTES];
        random.nextBytes(bytes);
        return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Whether {@code presented} looks like a workspace token (it may still be unknown). */
    public static boolean looksLikeOne(String presented) {
        return presented.startsWith(PREFIX);
    }

    /** SHA-256 of the secret, base64url without padding: what the token record holds. */
    public static String hash(String secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    }

    /** Compares two hashes in constant time. */
    public static boolean sameHash(String a, String b) {
        return MessageDigest.isEqual(a.getBytes(StandardCharsets.US_ASCII), b.getBytes(StandardCharsets.US_ASCII));
    }

    public static String hint(String secret) {
        return secret.substring(secret.length() - HINT_LENGTH);
    }
}
