package com.chatplugify.webhooks.bench.measure;

import com.chatplugify.webhooks.common.Version;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.utils.AppInfoParser;

/**
 * The machine and software a run measured, so that its figures can be compared and reproduced.
 *
 * @param gitCommit the commit of the working tree the bench ran from, "+dirty" when it had changes; "unknown" outside one
 */
public record MachineInfo(String cpuModel, int cores, long memoryMiB, String os, String java, String jvmArgs,
                          long maxHeapMiB, String kafkaVersion, String webhooksVersion, String gitCommit) {

    public static MachineInfo current() {
        Runtime runtime = Runtime.getRuntime();
        return new MachineInfo(
                procField(Path.of("/proc/cpuinfo"), "model name"),
                runtime.availableProcessors(),
                readMemoryMiB(),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                System.getProperty("java.vm.vendor") + " " + System.getProperty("java.vm.name") + " "
                        + System.getProperty("java.runtime.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments()),
                runtime.maxMemory() / (1024 * 1024),
                AppInfoParser.getVersion(),
                Version.current(),
                readGitCommit());
    }

    private static long readMemoryMiB() {
        String total = procField(Path.of("/proc/meminfo"), "MemTotal");
        try {
            return Long.parseLong(total.replace("kB", "").trim()) / 1024;
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String procField(Path file, String name) {
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                if (line.startsWith(name)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // Not Linux: the field stays unknown.
        }
        return "unknown";
    }

    private static String readGitCommit() {
        String commit = git("rev-parse", "--short=12", "HEAD");
        if (commit.isEmpty()) {
            return "unknown";
        }
        return git("status", "--porcelain", "--untracked-files=no").isEmpty() ? commit : commit + "+dirty";
    }

    private static String git(String... args) {
        try {
            Process process = new ProcessBuilder(concat(args)).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return "";
            }
            return out;
        } catch (IOException e) {
            return "";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }

    private static List<String> concat(String... args) {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        return command;
    }
}
