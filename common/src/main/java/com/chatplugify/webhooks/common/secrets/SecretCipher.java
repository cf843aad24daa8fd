package com.chatplugify.webhooks.common.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Encrypts one secret value with AES-256-GCM (the JDK's provider) into a self-describing text,
 * {@code enc:v1:<key id>:<base64url(nonce ‖ ciphertext ‖ tag)>}, and back. Each ciphertext is bound (as GCM's
 * associated data) to the webhook and the field it belongs to, so that one copied into another webhook, or from a
 * header into the secret, does not decrypt. Nonces are 96 random bits per encryption.
 */
public final class SecretCipher {

    public static final String PREFIX = "enc:v1:";
    private static final Pattern SEALED = Pattern.compile("enc:v1:([A-Za-z0-9._-]{1,32}):([A-Za-z0-9_-]+)");
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeys keys;
    private final SecureRandom random;

    public SecretCipher(SecretKeys keys, SecureRandom random) {
        this.keys = keys;
        this.random = random;
    }

    /** Whether {@code value} is a ciphertext of this format rather than a plaintext value. */
    public static boolean isSealed(String value) {
        return value != null && SEALED.matcher(value).matches();
    }

    /** The id of the key a ciphertext was made with. */
    public static Optional<String> keyIdOf(String value) {
        Matcher matcher = value == null ? null : SEALED.matcher(value);
        return matcher != null && matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    public SecretKeys keys() {
        return keys;
    }

    /** {@code plaintext} encrypted with the current key, bound to {@code webhookId} and {@code field}. */
    public String seal(String plaintext, String webhookId, String field) {
        SecretKeys.Key key = keys.current();
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, key.secret(), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(associatedData(key.id(), webhookId, field));
            byte[] sealed = cipher.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
            byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
            return PREFIX + key.id() + ":" + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    /**
     * The plaintext of a ciphertext made by {@link #seal} for that webhook and field, or empty when no configured key
     * opens it (its key is not configured, or it was altered or moved).
     */
    public Optional<String> open(String sealed, String webhookId, String field) {
        Matcher matcher = SEALED.matcher(sealed);
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Optional<SecretKeys.Key> key = keys.find(matcher.group(1));
        if (key.isEmpty()) {
            return Optional.empty();
        }
        try {
            byte[] data = Base64.getUrlDecoder().decode(matcher.group(2));
            if (data.length < NONCE_BYTES + TAG_BITS / 8) {
                return Optional.empty();
            }
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key.get().secret(), new GCMParameterSpec(TAG_BITS, data, 0, NONCE_BYTES));
            cipher.updateAAD(associatedData(key.get().id(), webhookId, field));
            byte[] plain = cipher.doFinal(data, NONCE_BYTES, data.length - NONCE_BYTES);
            return Optional.of(new String(plain, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException | javax.crypto.AEADBadTagException e) {
            return Optional.empty();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available in this JVM", e);
        }
    }

    private static byte[] associatedData(String keyId, String webhookId, String field) {
        return ("chatplugify-webhooks/subscription/v1\0" + keyId + "\0" + webhookId + "\0" + field)
                .getBytes(StandardCharsets.UTF_8);
    }
}
