package com.chatplugify.webhooks.ingest.webhooks;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates signing secrets: {@code whsec_} + 32 random bytes, base64. */
public final class Secrets {

    private final SecureRandom random;

    public Secrets(SecureRandom random) {
        this.random = random;
    }

    public String newSecret() {
        byte[] key = new byte[32];
        random.nextBytes(key);
        return "whsec_" + Base64.getEncoder().encodeToString(key);
    }
}
