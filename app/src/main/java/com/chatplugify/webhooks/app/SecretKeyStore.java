package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.secrets.SecretKeys;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import org.apache.kafka.common.config.ConfigException;

/**
 * The key that encrypts webhook secrets in a standalone system that was not given {@code secrets.key}: generated
 * once, kept under data.dir in a file only its owner may read. Losing it makes the stored secrets unreadable.
 */
final class SecretKeyStore {

    static final String FILE_NAME = "secrets-key";
    static final String GENERATED_KEY_ID = "standalone-1";

    private SecretKeyStore() {
    }

    /** @throws ConfigException naming {@code secrets.key} when the file exists but holds no valid key */
    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String key = Files.readString(file, StandardCharsets.UTF_8).trim();
                try {
                    SecretKeys.parse(key, null);
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(CommonConfig.SECRETS_KEY, file.toString(), "the key file does not hold a key ("
                            + e.getMessage() + "); restore it from a backup, or set " + CommonConfig.SECRETS_KEY);
                }
                PrivateFiles.warnIfShared(file);
                return key;
            }
            String key = SecretKeys.generate(GENERATED_KEY_ID, new SecureRandom());
            PrivateFiles.write(file, (key + "\n").getBytes(StandardCharsets.UTF_8));
            return key;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the secrets key in " + file, e);
        }
    }
}
