package com.chatplugify.webhooks.app.deploy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Prometheus' own checker (.ci/run installs Debian's prometheus package); a test that runs it fails without it. */
final class Promtool {

    /** What promtool said and how it exited. */
    record Result(int exitCode, String output) {
    }

    private Promtool() {
    }

    /** Runs {@code promtool args...} with {@code stdin}. */
    static Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path promtool = Tools.onPath("promtool");
        List<String> command = new ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        try (OutputStream in = process.getOutputStream()) {
            in.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish: " + output);
        }
        return new Result(process.exitValue(), output);
    }
}
