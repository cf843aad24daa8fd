package com.chatplugify.webhooks.common.secrets;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The AES-256 keys that encrypt webhook secrets at rest: the current one, which encrypts every write, and previous
 * ones, kept only to decrypt what was written with them. A key is written {@code <id>:<base64 of 32 bytes>}, for
 * example {@code 2026-01:q3x...=}: the id (1 to 32 letters, digits, {@code .}, {@code _} or {@code -}) is stored with
 * every ciphertext, so that a record says which key opens it.
 */
public final class SecretKeys {

    public static final int KEY_BYTES = 32;
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    /** One key; its bytes never appear in {@link #toString()}. */
    public record Key(String id, SecretKey secret) {

        @Override
        public String toString() {
            return "Key[id=" + id + ", secret=***]";
        }
    }

    private final Key current;
    private final Map<String, Key> byId;

    private SecretKeys(Key current, List<Key> previous) {
        this.current = current;
        Map<String, Key> keys = new LinkedHashMap<>();
        keys.put(current.id(), current);
        for (Key key : previous) {
            if (keys.putIfAbsent(key.id(), key) != null) {
                throw new IllegalArgumentException("the key id '" + key.id() + "' is given twice; every key needs its own id");
            }
        }
        this.byId = Map.copyOf(keys);
    }

    /**
     * Reads the keys as configured.
     *
     * @param current  one key, {@code <id>:<base64>}
     * @param previous zero or more keys, comma-separated, or null
     * @throws IllegalArgumentException saying what is wrong, never quoting key material
     */
    public static SecretKeys parse(String current, String previous) {
        return new SecretKeys(parseKey(current == null ? "" : current.trim()), parseList(previous));
    }

    /** Keys written as {@code secrets.previous-keys} holds them: comma-separated, possibly none. */
    public static List<Key> parseList(String keys) {
        List<Key> parsed = new ArrayList<>();
        if (keys != null && !keys.isBlank()) {
            for (String item : keys.split(",")) {
                parsed.add(parseKey(item.trim()));
            }
        }
        return parsed;
    }

    /** A new random key with this id, written as {@link #parse} reads it. */
    public static String generate(String id, SecureRandom random) {
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("not a key id: " + id);
        }
        byte[] bytes = new byte[KEY_BYTES];
        random.nextBytes(bytes);
        return id + ":" + Base64.getEncoder().encodeToString(bytes);
    }

    /** The key every new ciphertext is made with. */
    public Key current() {
        return current;
    }

    /** The key of that id, current or previous. */
    public Optional<Key> find(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    @Override
    public String toString() {
        return "SecretKeys[current=" + current.id() + ", all=" + byId.keySet() + "]";
    }

    private static Key parseKey(String text) {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new IllegalArgumentException("a key is written <id>:<base64 of " + KEY_BYTES + " random bytes>, such as "
                    + "k1:$(openssl rand -base64 " + KEY_BYTES + ")");
        }
        String id = text.substring(0, colon);
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("a key id is 1 to 32 letters, digits, '.', '_' or '-'");
        }
        byte[] bytes = decode(text.substring(colon + 1).trim());
        if (bytes == null || bytes.length != KEY_BYTES) {
            throw new IllegalArgumentException("the key '" + id + "' must be " + KEY_BYTES + " bytes, base64-encoded (AES-256)");
        }
        return new Key(id, new SecretKeySpec(bytes, "AES"));
    }

    private static byte[] decode(String base64) {
        for (Base64.Decoder decoder : List.of(Base64.getDecoder(), Base64.getUrlDecoder())) {
            try {
                return decoder.decode(base64);
            } catch (IllegalArgumentException e) {
                // Try the other alphabet.
            }
        }
        return null;
    }
}
