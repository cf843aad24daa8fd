package com.chatplugify.webhooks.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/** The API token of a standalone system that was not given one: generated once, kept under data.dir. */
final class ApiTokenStore {

    private static final String FILE_NAME = "api-token";

    private ApiTokenStore() {
    }

    static String loadOrCreate(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        try {
            if (Files.exists(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            Files.createDirectories(dataDir);
            byte[] random = new byte[24];
            new SecureRandom().nextBytes(random);
            String token = "cpw_" + Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.writeString(file, token + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // Not a POSIX file system; the folder's own permissions apply.
            }
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot keep the API token in " + file, e);
        }
    }
}
