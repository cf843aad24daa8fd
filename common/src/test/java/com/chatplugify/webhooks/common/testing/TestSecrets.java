package com.chatplugify.webhooks.common.testing;

import com.chatplugify.webhooks.common.secrets.SecretKeys;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCodec;
import java.security.SecureRandom;

/** The {@code secrets.key} of the systems a test JVM starts: one random key, given to every role it runs. */
public final class TestSecrets {

    /** {@code <id>:<base64>}, as {@code secrets.key} takes it. */
    public static final String KEY = SecretKeys.generate("test", new SecureRandom());

    private TestSecrets() {
    }

    public static SubscriptionCodec codec() {
        return SubscriptionCodec.of(SecretKeys.parse(KEY, null));
    }
}
