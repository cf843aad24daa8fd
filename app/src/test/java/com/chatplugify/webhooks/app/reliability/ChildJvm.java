package com.chatplugify.webhooks.app.reliability;

import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.WebhooksCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code bin/webhooks} command in a JVM of its own, on the test JVM's class path, so that a crash is a real
 * one: {@link #kill()} is a SIGKILL, after which nothing of the process runs (no shutdown hook, no flush).
 * Its output goes to a log file beside the test's other files.
 */
final class ChildJvm implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ChildJvm.class);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);
    private static final List<String> JVM_OPTIONS = List.of("-Xmx384m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1", "-Dlogback.statusListenerClass=ch.qos.logback.core.status.NopStatusListener");

    private final String name;
    private final List<String> command;
    private final Path logFile;
    private Process process;
    private int starts;

    private ChildJvm(String name, List<String> command, Path logFile) {
        this.name = name;
        this.command = command;
        this.logFile = logFile;
    }

    /**
     * Starts {@code webhooks <arguments>} with each setting as a {@code --set}.
     *
     * @param logDir where {@code <name>.log} collects its output, across restarts
     */
    static ChildJvm start(String name, Path logDir, List<String> arguments, Map<String, String> settings) {
        return start(name, logDir, List.of("-cp", System.getProperty("java.class.path"), WebhooksCommand.class.getName()),
                arguments, settings);
    }

    /**
     * Starts {@code java -jar target/webhooks.jar <arguments>}: the jar users run, with only the libraries the build
     * puts beside it in {@code target/lib}, not the tests' class path.
     */
    static ChildJvm startPackaged(String name, Path logDir, List<String> arguments, Map<String, String> settings) {
        Path jar = Path.of("target", "webhooks.jar").toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the integration tests through Maven (verify)");
        }
        return start(name, logDir, List.of("-jar", jar.toString()), arguments, settings);
    }

    private static ChildJvm start(String name, Path logDir, List<String> launch, List<String> arguments,
                                  Map<String, String> settings) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(launch);
        command.addAll(arguments);
        settings.forEach((key, value) -> {
            command.add("--set");
            command.add(key + "=" + value);
        });
        ChildJvm child = new ChildJvm(name, List.copyOf(command), logDir.resolve(name + ".log"));
        child.launch();
        return child;
    }

    /** Starts the same command again, e.g. after {@link #kill()}; its output is appended to the same log. */
    void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " is still running");
        }
        launch();
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL, and waits until the process is gone. */
    void kill() {
        ProcessHandle handle = process.toHandle();
        process.destroyForcibly();
        waitFor(process, STOP_TIMEOUT);
        if (handle.isAlive()) {
            throw new IllegalStateException(name + " (pid " + handle.pid() + ") survived SIGKILL");
        }
        log.info("Killed {} (pid {}) with SIGKILL", name, handle.pid());
    }

    /** SIGTERM: the process stops cleanly through its shutdown hook; SIGKILL if it takes too long. */
    void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!waitFor(process, STOP_TIMEOUT)) {
            log.warn("{} did not stop within {} s of SIGTERM; killing it", name, STOP_TIMEOUT.toSeconds());
            kill();
        }
    }

    /** Waits until {@code http://127.0.0.1:<port>/ready} answers 200; fails early when the process dies. */
    void awaitReady(int port, Duration timeout) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        HttpRequest ready = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        awaitCondition(timeout, () -> {
            try {
                return http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
            } catch (IOException e) {
                return false;
            }
        }, "/ready on port " + port);
    }

    /** Waits until the process exits by itself, and returns its exit status. */
    int awaitExit(Duration timeout) {
        if (!waitFor(process, timeout)) {
            throw new AssertionError(name + " did not exit within " + timeout.toSeconds() + " s; its log ends with:\n"
                    + tail(40));
        }
        return process.exitValue();
    }

    /** Waits until the process's output, since its last start, contains {@code text}. */
    void awaitOutput(String text, Duration timeout) {
        int start = starts;
        awaitCondition(timeout, () -> outputSince(start).contains(text), "'" + text + "' in its output");
    }

    /** The last lines of the log, to explain a failure. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    @Override
    public void close() {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            waitFor(process, STOP_TIMEOUT);
        }
    }

    private void launch() {
        try {
            Files.createDirectories(logFile.getParent());
            Files.writeString(logFile, "=== start " + (++starts) + " ===\n", StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
            log.info("Started {} (pid {}), log in {}", name, process.pid(), logFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name, e);
        }
    }

    private String outputSince(int start) {
        try {
            String all = Files.readString(logFile, StandardCharsets.UTF_8);
            int from = all.lastIndexOf("=== start " + start + " ===");
            return from < 0 ? "" : all.substring(from);
        } catch (IOException e) {
            return "";
        }
    }

    private void awaitCondition(Duration timeout, Callable<Boolean> condition, String what) {
        try {
            await().atMost(timeout).pollInterval(Duration.ofMillis(200)).until(() -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException(name + " exited (status " + process.exitValue() + ") before "
                            + what + "; its log ends with:\n" + tail(40));
                }
                return condition.call();
            });
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(name + " showed no " + what + " within " + timeout.toSeconds()
                    + " s; its log ends with:\n" + tail(40), e);
        }
    }

    private static boolean waitFor(Process process, Duration timeout) {
        try {
            return process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
