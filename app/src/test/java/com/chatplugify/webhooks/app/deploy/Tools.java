package com.chatplugify.webhooks.app.deploy;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;

/** The command-line tools the deploy/ checks run: found on the PATH, or the calling test fails saying so. */
final class Tools {

    private Tools() {
    }

    static Path onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(dir, tool);
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError(tool + " is not on the PATH; .ci/run says where it comes from");
    }
}
