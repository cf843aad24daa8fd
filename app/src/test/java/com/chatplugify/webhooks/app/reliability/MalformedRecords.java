package com.chatplugify.webhooks.app.reliability;

import com.chatplugify.webhooks.common.model.Violation;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Records that no upstream service should write, for the input topics, each with the reason the pipeline must give
 * when it refuses it: hand-picked shapes plus seeded random bytes and random cuts of a valid record.
 */
final class MalformedRecords {

    /** A record to write: its key and value as raw bytes (either may be null) and the refusal it must meet. */
    record Malformed(String name, byte[] key, byte[] value, String reason) {

        @Override
        public String toString() {
            return name;
        }
    }

    private MalformedRecords() {
    }

    /** Bad records for {@code chatplugify.events}, keyed by {@code workspace}. */
    static List<Malformed> events(String workspace, Random random) {
        byte[] key = bytes(workspace);
        String valid = "{\"event\":\"task.created\",\"workspaceId\":\"" + workspace + "\",\"data\":{\"id\":\"task_1\"}}";
        List<Malformed> records = new ArrayList<>(List.of(
                new Malformed("no value", key, null, Violation.MISSING_FIELD),
                new Malformed("empty value", key, new byte[0], Violation.NOT_JSON),
                new Malformed("invalid UTF-8 in a string", key, concat(bytes("{\"event\":\"task.created\",\"workspaceId\":\""
                        + workspace + "\",\"data\":{\"name\":\""), new byte[] {(byte) 0xC3, (byte) 0x28, (byte) 0xFF},
                        bytes("\"}}")), Violation.NOT_JSON),
                new Malformed("truncated JSON", key, bytes(valid.substring(0, valid.length() / 2)), Violation.NOT_JSON),
                new Malformed("JSON null", key, bytes("null"), Violation.NOT_JSON),
                new Malformed("a JSON string", key, bytes("\"conversation.created\""), Violation.NOT_AN_OBJECT),
                new Malformed("a JSON array", key, bytes("[" + valid + "]"), Violation.NOT_AN_OBJECT),
                new Malformed("wrong types", key, bytes("{\"event\":42,\"workspaceId\":[\"" + workspace
                        + "\"],\"data\":\"text\"}"), Violation.WRONG_TYPE),
                new Malformed("unknown event type", key, bytes(valid.replace("task.created", "task.exploded")),
                        Violation.UNKNOWN_EVENT_TYPE),
                new Malformed("test event type", key, bytes(valid.replace("task.created", "webhook.test")),
                        Violation.UNKNOWN_EVENT_TYPE),
                new Malformed("200 KiB event type", key, bytes(valid.replace("task.created", "x".repeat(200 * 1024))),
                        Violation.UNKNOWN_EVENT_TYPE),
                new Malformed("data not an object", key, bytes(valid.replace("{\"id\":\"task_1\"}", "[1,2,3]")),
                        Violation.DATA_NOT_OBJECT),
                new Malformed("no data", key, bytes("{\"event\":\"task.created\",\"workspaceId\":\"" + workspace + "\"}"),
                        Violation.MISSING_FIELD),
                new Malformed("control characters in workspaceId", key,
                        bytes(valid.replace(workspace, workspace + "\\u0000\\n")), Violation.INVALID_VALUE),
                new Malformed("bad timestamp", key, bytes(valid.replace("{\"event\"", "{\"timestamp\":\"yesterday\",\"event\"")),
                        Violation.INVALID_TIMESTAMP),
                new Malformed("nested 100000 deep", key, bytes("{\"event\":\"task.created\",\"workspaceId\":\"" + workspace
                        + "\",\"data\":{\"a\":" + "[".repeat(100_000) + "]".repeat(100_000) + "}}"), Violation.NOT_JSON),
                new Malformed("nested 1000 deep, which a JSON parser still reads", key, deepEvent(workspace, 1000),
                        Violation.TOO_DEEP),
                new Malformed("300 KiB", key, bytes(valid.replace("\"task_1\"", "\"" + "y".repeat(300 * 1024) + "\"")),
                        Violation.TOO_LARGE)));
        for (int i = 0; i < 4; i++) {
            records.add(new Malformed("random bytes #" + i, key, noise(random, 512), Violation.NOT_JSON));
        }
        for (int i = 0; i < 4; i++) {
            byte[] cut = Arrays.copyOf(bytes(valid), 1 + random.nextInt(valid.length() - 2));
            records.add(new Malformed("valid event cut at byte " + cut.length, key, cut, Violation.NOT_JSON));
        }
        return List.copyOf(records);
    }

    /** Bad records for {@code chatplugify.subscriptions}; {@code url} is where a valid one would point. */
    static List<Malformed> subscriptions(String workspace, String url, Random random) {
        List<Malformed> records = new ArrayList<>(List.of(
                new Malformed("not JSON", bytes("webhook_bad_1"), bytes("{\"id\":"), Violation.NOT_JSON),
                new Malformed("invalid UTF-8", bytes("webhook_bad_2"), concat(bytes("{\"id\":\"webhook_bad_2\",\"url\":\""),
                        new byte[] {(byte) 0xFE, (byte) 0xFF}, bytes("\"}")), Violation.NOT_JSON),
                new Malformed("a JSON array", bytes("webhook_bad_3"), bytes("[]"), Violation.NOT_AN_OBJECT),
                new Malformed("no url", bytes("webhook_bad_4"), subscription("webhook_bad_4", workspace, null, "[\"*\"]"),
                        Violation.MISSING_FIELD),
                new Malformed("url not a string", bytes("webhook_bad_5"), bytes("{\"id\":\"webhook_bad_5\",\"workspaceId\":\""
                        + workspace + "\",\"url\":42,\"events\":[\"*\"]}"), Violation.WRONG_TYPE),
                new Malformed("key differs from id", bytes("webhook_bad_6"), subscription("webhook_other", workspace, url,
                        "[\"*\"]"), Violation.KEY_MISMATCH),
                new Malformed("id with spaces", bytes("webhook bad 7"), subscription("webhook bad 7", workspace, url, "[\"*\"]"),
                        Violation.INVALID_VALUE),
                new Malformed("events not a list", bytes("webhook_bad_8"), subscription("webhook_bad_8", workspace, url,
                        "\"*\""), Violation.WRONG_TYPE),
                new Malformed("url not a URL", bytes("webhook_bad_9"), subscription("webhook_bad_9", workspace,
                        "not a url", "[\"*\"]"), Violation.INVALID_VALUE),
                new Malformed("ftp url", bytes("webhook_bad_10"), subscription("webhook_bad_10", workspace,
                        "ftp://127.0.0.1/hooks", "[\"*\"]"), Violation.INVALID_VALUE),
                new Malformed("url without host", bytes("webhook_bad_11"), subscription("webhook_bad_11", workspace,
                        "https:///hooks", "[\"*\"]"), Violation.INVALID_VALUE),
                new Malformed("unknown event filter", bytes("webhook_bad_12"), subscription("webhook_bad_12", workspace,
                        url, "[\"task.exploded\"]"), Violation.UNKNOWN_EVENT_TYPE),
                new Malformed("nested 100000 deep", bytes("webhook_bad_13"), bytes("{\"id\":\"webhook_bad_13\",\"x\":"
                        + "[".repeat(100_000) + "]".repeat(100_000) + "}"), Violation.NOT_JSON)));
        for (int i = 0; i < 3; i++) {
            records.add(new Malformed("random bytes #" + i, bytes("webhook_noise_" + i), noise(random, 256), Violation.NOT_JSON));
        }
        return List.copyOf(records);
    }

    /** A subscription record as JSON, with {@code events} given as raw JSON and {@code url} left out when null. */
    static byte[] subscription(String id, String workspace, String url, String events) {
        return bytes("{\"id\":\"" + id + "\",\"workspaceId\":\"" + workspace + "\""
                + (url == null ? "" : ",\"url\":\"" + url + "\"") + ",\"events\":" + events
                + ",\"secret\":\"whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw\",\"enabled\":true}");
    }

    /** An event nested {@code depth} levels deep in all, the envelope being the first. */
    private static byte[] deepEvent(String workspace, int depth) {
        int inner = depth - 2;
        return bytes("{\"event\":\"task.created\",\"workspaceId\":\"" + workspace + "\",\"data\":"
                + "{\"a\":".repeat(inner) + "1" + "}".repeat(inner) + "}");
    }

    /** Random bytes that cannot begin a JSON document. */
    private static byte[] noise(Random random, int maxLength) {
        byte[] noise = new byte[1 + random.nextInt(maxLength)];
        random.nextBytes(noise);
        noise[0] = '#';
        return noise;
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] concat(byte[]... parts) {
        int length = Arrays.stream(parts).mapToInt(part -> part.length).sum();
        byte[] all = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, all, at, part.length);
            at += part.length;
        }
        return all;
    }
}
