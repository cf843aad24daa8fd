package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.config.CommonConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import org.apache.kafka.common.config.ConfigException;

/**
 * The API token of a standalone system that was not given one: generated once, kept under data.dir in a file only
 * its owner may read. An empty or blank file is refused, never taken as "no token": it would open the API to all.
 */
final class ApiTokenStore {

    static final String FILE_NAME = "api-token";

    private ApiTokenStore() {
    }

    /** @throws ConfigException naming {@code api.token} when the file exists but holds no token */
    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (token.isEmpty()) {
                    throw new ConfigException(CommonConfig.API_TOKEN, file.toString(), "the API token file is empty; "
                            + "write a token into it, delete it to have one generated, or set " + CommonConfig.API_TOKEN);
                }
                PrivateFiles.warnIfShared(file);
                return token;
            }
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = "cpw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            PrivateFiles.write(file, (token + "\n").getBytes(StandardCharsets.UTF_8));
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the API token in " + file, e);
        }
    }
}
