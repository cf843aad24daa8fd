package com.chatplugify.webhooks.testing;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The {@code secrets.key} of the systems a test JVM starts: one random key, given to every role it runs. A test that
 * reads what those systems stored opens it with {@code SubscriptionCodec.of(SecretKeys.parse(TestSecrets.KEY, null))}.
 */
public final class TestSecrets {

    /** {@code <id>:<base64 of 32 random bytes>}, as {@code secrets.key} takes it. */
    public static final String KEY = "test:" + Base64.getEncoder().encodeToString(randomBytes(32));

    private TestSecrets() {
    }

    private static byte[] randomBytes(int count) {
        byte[] bytes = new byte[count];
        new SecureRandom().nextBytes(bytes);
        return bytes;
    }
}
