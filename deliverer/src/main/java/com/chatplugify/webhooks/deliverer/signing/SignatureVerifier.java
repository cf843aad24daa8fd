package com.chatplugify.webhooks.deliverer.signing;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** Checks a received webhook the way a receiver should: the signature and the timestamp's freshness. */
public final class SignatureVerifier {

    /** How far a {@code webhook-timestamp} may be from now, as the Standard Webhooks libraries allow. */
    public static final Duration TOLERANCE = Duration.ofMinutes(5);

    private SignatureVerifier() {
    }

    /** {@code "valid"}, or why not. */
    public static String verify(String secret, String webhookId, String timestamp, String signatureHeader, byte[] body,
                                Clock clock) {
        if (webhookId == null || timestamp == null || signatureHeader == null) {
            return "missing webhook-id, webhook-timestamp or webhook-signature";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp);
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not a number";
        }
        if (Math.abs(clock.instant().getEpochSecond() - seconds) > TOLERANCE.toSeconds()) {
            return "webhook-timestamp is more than " + TOLERANCE.toMinutes() + " minutes away from now";
        }
        byte[] expected = ("v1," + WebhookSigner.sign(secret, webhookId, seconds, body)).getBytes(StandardCharsets.UTF_8);
        for (String signature : List.of(signatureHeader.split(" "))) {
            if (MessageDigest.isEqual(expected, signature.getBytes(StandardCharsets.UTF_8))) {
                return "valid";
            }
        }
        return "INVALID (no signature matches this secret)";
    }
}
