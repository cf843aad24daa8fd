package com.chatplugify.webhooks.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.Optional;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;

/**
 * JDK Flight Recorder over each measured window, with the JDK's {@code profile} settings, written to a folder and
 * summarized ({@link ProfileSummary}) once the window is over. Off when no folder is given.
 */
public final class WindowProfiler {

    private final Path folder;
    private final ThreadAttribution attribution;
    private Recording recording;

    /** @param folder where the recordings go; null for no profiling */
    public WindowProfiler(Path folder, ThreadAttribution attribution) {
        this.folder = folder;
        this.attribution = attribution;
    }

    public static WindowProfiler off() {
        return new WindowProfiler(null, null);
    }

    /** Starts recording, unless profiling is off. */
    public synchronized void start() {
        if (folder == null) {
            return;
        }
        try {
            recording = new Recording(Configuration.getConfiguration("profile"));
        } catch (IOException | ParseException e) {
            throw new IllegalStateException("The JDK's 'profile' recording settings cannot be read", e);
        }
        recording.setToDisk(true);
        recording.start();
    }

    /** Stops recording, writes {@code <name>.jfr} and summarizes it; empty when profiling is off. */
    public synchronized Optional<ProfileSummary> stop(String name) {
        if (recording == null) {
            return Optional.empty();
        }
        try (Recording done = recording) {
            recording = null;
            done.stop();
            Files.createDirectories(folder);
            Path file = folder.resolve(name.replaceAll("[^A-Za-z0-9@._-]", "_") + ".jfr");
            done.dump(file);
            return Optional.of(ProfileSummary.of(file, attribution));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the recording of " + name, e);
        }
    }
}
