package com.chatplugify.webhooks.deliverer.signing;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signs deliveries as the Standard Webhooks specification defines: {@code v1,<base64 HMAC-SHA256>} over
 * {@code "{webhook-id}.{webhook-timestamp}.{body}"}, keyed with the base64-decoded part of the secret after
 * {@code whsec_}. Several secrets (during a rotation) give several space-separated signatures.
 */
public final class WebhookSigner {

    public static final String SECRET_PREFIX = "whsec_";
    private static final String ALGORITHM = "HmacSHA256";
    private static final byte[] DOT = {'.'};

    private WebhookSigner() {
    }

    /** The value of the {@code webhook-signature} header. */
    public static String signatureHeader(List<String> secrets, String webhookId, long timestampSeconds, byte[] body) {
        StringBuilder header = new StringBuilder();
        for (String secret : secrets) {
            if (header.length() > 0) {
                header.append(' ');
            }
            header.append("v1,").append(sign(secret, webhookId, timestampSeconds, body));
        }
        return header.toString();
    }

    /** One base64 signature. */
    public static String sign(String secret, String webhookId, long timestampSeconds, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key(secret), ALGORITHM));
            mac.update(webhookId.getBytes(StandardCharsets.UTF_8));
            mac.update(DOT);
            mac.update(Long.toString(timestampSeconds).getBytes(StandardCharsets.UTF_8));
            mac.update(DOT);
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is unavailable", e);
        }
    }

    /** The key bytes of a {@code whsec_} secret. */
    public static byte[] key(String secret) {
        String encoded = secret.startsWith(SECRET_PREFIX) ? secret.substring(SECRET_PREFIX.length()) : secret;
        return Base64.getDecoder().decode(encoded);
    }
}
