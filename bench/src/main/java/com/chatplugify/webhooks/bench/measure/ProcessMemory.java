package com.chatplugify.webhooks.bench.measure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory of this process from {@code /proc/self/status}. The peak ({@code VmHWM}) can be reset between
 * measurements through {@code /proc/self/clear_refs}, so each reports its own; where that is refused the peak is the
 * process's since it started. Zero where there is no {@code /proc}.
 */
public final class ProcessMemory {

    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    /** Starts a new peak from now; returns whether the kernel allowed it. */
    public boolean resetPeak() {
        try {
            Files.writeString(CLEAR_REFS, "5");
            return true;
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return false;
        }
    }

    /** The peak resident set size, MiB. */
    public long peakMiB() {
        return field("VmHWM:") / 1024;
    }

    private static long field(String name) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(name)) {
                    return Long.parseLong(line.substring(name.length()).replace("kB", "").trim());
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No /proc here: the figure is reported as 0.
        }
        return 0;
    }
}
