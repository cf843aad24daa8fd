package com.chatplugify.webhooks.app;

import com.chatplugify.webhooks.common.config.CommonConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import org.apache.kafka.common.config.ConfigException;

/**
 * The API token of a standalone system that was not given one: generated once, kept under data.dir in a file only
 * its owner may read. An empty or blank file is refused, never taken as "no token": it would open the API to all.
 */
public final class ApiTokenStore {

    static final String FILE_NAME = "api-token";

    private ApiTokenStore() {
    }

    /** @throws org.apache.kafka.common.config.ConfigException naming {@code api.token} when the file holds no token */
    static String loadOrCreate(Path dataDir) {
        return PrivateFiles.readOrCreate(dataDir.resolve(FILE_NAME), ApiTokenStore::generate,
                token -> token.isEmpty() ? Optional.of("the API token file is empty (delete it to have one generated)")
                        : Optional.empty(), CommonConfig.API_TOKEN);
    }

    /**
     * The token a standalone system generated under {@code dataDir}, for the commands that call its API; empty when
     * there is none (never generated here: a token no system knows of would open nothing).
     */
    public static Optional<String> existing(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return Optional.empty();
        }
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? Optional.empty() : Optional.of(token);
        } catch (IOException e) {
            throw new ConfigException(CommonConfig.API_TOKEN, file.toString(), "cannot read this file (" + e + "); set "
                    + CommonConfig.API_TOKEN + " instead, or make the file readable");
        }
    }

    private static String generate() {
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        return "cpw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }
}
