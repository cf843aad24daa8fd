package com.chatplugify.webhooks.bench.measure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/**
 * Where the CPU went in a recording: the share of JFR's execution samples (threads running Java code, every 10 to
 * 20 ms) by component, by thread (numbers in names folded: {@code delivery-worker-N}), and by the method on top of
 * the stack (self time), overall and per component.
 *
 * @param file          the recording's file name
 * @param samples       execution samples in it
 * @param byComponent   percent of the samples
 * @param topThreads    the busiest threads, percent of the samples
 * @param topFrames     the methods most often on top of the stack, percent of the samples
 * @param topFramesByComponent the three top methods of each component, percent of the samples
 */
public record ProfileSummary(String file, long samples, Map<String, Double> byComponent, Map<String, Double> topThreads,
                             Map<String, Double> topFrames, Map<String, Map<String, Double>> topFramesByComponent) {

    private static final int TOP_THREADS = 10;
    private static final int TOP_FRAMES = 15;
    private static final int TOP_FRAMES_PER_COMPONENT = 3;
    private static final Pattern UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final Pattern NUMBER = Pattern.compile("\\d+");

    public static ProfileSummary of(Path recording, ThreadAttribution attribution) {
        Map<String, Long> byComponent = new HashMap<>();
        Map<String, Long> byThread = new HashMap<>();
        Map<String, Long> byFrame = new HashMap<>();
        Map<String, Map<String, Long>> byComponentFrame = new HashMap<>();
        long samples = 0;
        try (RecordingFile file = new RecordingFile(recording)) {
            while (file.hasMoreEvents()) {
                RecordedEvent event = file.readEvent();
                if (!event.getEventType().getName().equals("jdk.ExecutionSample") || event.getThread("sampledThread") == null) {
                    continue;
                }
                samples++;
                String thread = event.getThread("sampledThread").getJavaName();
                String component = attribution.componentOf(thread == null ? "" : thread).label();
                String frame = topFrame(event);
                byComponent.merge(component, 1L, Long::sum);
                byThread.merge(fold(thread), 1L, Long::sum);
                byFrame.merge(frame, 1L, Long::sum);
                byComponentFrame.computeIfAbsent(component, c -> new HashMap<>()).merge(frame, 1L, Long::sum);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the recording " + recording, e);
        }
        Map<String, Map<String, Double>> perComponent = new LinkedHashMap<>();
        for (Map.Entry<String, Long> component : top(byComponent, Integer.MAX_VALUE).entrySet()) {
            perComponent.put(component.getKey(), percent(top(byComponentFrame.get(component.getKey()), TOP_FRAMES_PER_COMPONENT), samples));
        }
        return new ProfileSummary(recording.getFileName().toString(), samples, percent(top(byComponent, Integer.MAX_VALUE), samples),
                percent(top(byThread, TOP_THREADS), samples), percent(top(byFrame, TOP_FRAMES), samples), perComponent);
    }

    /** {@code org.apache.kafka.common.utils.Crc32C.update} → {@code o.a.k.c.utils.Crc32C.update}. */
    static String abbreviate(String type, String method) {
        String[] parts = type.split("\\.");
        StringBuilder name = new StringBuilder();
        for (int i = 0; i < parts.length; i++) {
            boolean keep = i >= parts.length - 2;
            name.append(keep ? parts[i] : parts[i].substring(0, 1)).append('.');
        }
        return name.append(method).toString();
    }

    static String fold(String threadName) {
        if (threadName == null) {
            return "?";
        }
        return NUMBER.matcher(UUID.matcher(threadName).replaceAll("<uuid>")).replaceAll("N");
    }

    private static String topFrame(RecordedEvent event) {
        if (event.getStackTrace() == null || event.getStackTrace().getFrames().isEmpty()) {
            return "(no stack)";
        }
        RecordedFrame frame = event.getStackTrace().getFrames().get(0);
        return abbreviate(frame.getMethod().getType().getName(), frame.getMethod().getName());
    }

    private static Map<String, Long> top(Map<String, Long> counts, int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .limit(limit).forEach(e -> top.put(e.getKey(), e.getValue()));
        return top;
    }

    private static Map<String, Double> percent(Map<String, Long> counts, long total) {
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.forEach((key, count) -> shares.put(key, total == 0 ? 0 : Math.round(1000.0 * count / total) / 10.0));
        return shares;
    }
}
