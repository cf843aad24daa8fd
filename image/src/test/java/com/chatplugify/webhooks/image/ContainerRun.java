package com.chatplugify.webhooks.image;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the image's entrypoint as a container runtime would, without one: in the unpacked layers as root directory
 * ({@code chroot}), as the image's user, with the image's environment and a {@code /proc} of its own (a private
 * mount namespace, {@code unshare}). It shares this machine's network, so it reaches servers on 127.0.0.1.
 * Needs root, as CI has.
 */
final class ContainerRun {

    private static final String UNSHARE = "/usr/bin/unshare";
    private static final String CHROOT = "/usr/sbin/chroot";
    private static final String SCRIPT =
            "root=$1; user=$2; shift 2; /bin/mount -t proc proc \"$root/proc\" && exec " + CHROOT + " --userspec=\"$user\" \"$root\" \"$@\"";

    private ContainerRun() {
    }

    /** Starts {@code entrypoint + args} with the image's environment plus {@code environment}; output goes to {@code log}. */
    static Process start(Path root, JsonNode config, List<String> args, Map<String, String> environment, Path log)
            throws IOException {
        if (!"root".equals(System.getProperty("user.name"))) {
            throw new AssertionError("running the image needs root (chroot and a mount namespace); CI runs as root");
        }
        for (String tool : List.of(UNSHARE, CHROOT, "/bin/mount")) {
            if (!Files.isExecutable(Path.of(tool))) {
                throw new AssertionError(tool + " is missing (Debian: util-linux, coreutils, mount)");
            }
        }
        List<String> command = new ArrayList<>(List.of(UNSHARE, "--mount", "--fork", "/bin/sh", "-c", SCRIPT, "sh",
                root.toString(), config.get("User").asText()));
        config.get("Entrypoint").forEach(part -> command.add(part.asText()));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        config.get("Env").forEach(variable -> {
            String[] pair = variable.asText().split("=", 2);
            builder.environment().put(pair[0], pair[1]);
        });
        builder.environment().putAll(environment);
        return builder.start();
    }

    /**
     * Stops a run the way a container runtime does, with SIGTERM to the entrypoint (the child of {@code unshare},
     * which forwards no signal), and waits until it has exited.
     */
    static void stop(Process run) {
        run.descendants().forEach(ProcessHandle::destroy);
        run.descendants().forEach(child -> child.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        run.destroy();
        run.onExit().orTimeout(30, TimeUnit.SECONDS).join();
    }
}
