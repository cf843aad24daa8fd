package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Optional;

/**
 * The key that encrypts webhook secrets in a standalone system that was not given {@code secrets.key}: generated
 * once, kept under data.dir in a file only its owner may read. Losing it makes the stored secrets unreadable.
 */
final class SecretKeyStore {

    static final String FILE_NAME = "secrets-key";
    static final String GENERATED_KEY_ID = "standalone-1";

    private SecretKeyStore() {
    }

    /** @throws org.apache.kafka.common.config.ConfigException naming {@code secrets.key} when the file holds no key */
    static String loadOrCreate(Path dataDir) {
        return PrivateFiles.readOrCreate(dataDir.resolve(FILE_NAME),
                () -> SecretKeys.generate(GENERATED_KEY_ID, new SecureRandom()), SecretKeyStore::problem,
                CommonConfig.SECRETS_KEY);
    }

    private static Optional<String> problem(String key) {
        try {
            SecretKeys.parse(key, null);
            return Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.of("the key file does not hold a key (" + e.getMessage() + ")");
        }
    }
}
