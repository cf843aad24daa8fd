package com.chatplugify.webhooks.app.reliability;

import com.chatplugify.webhooks.common.json.Json;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/**
 * Random JSON for the API fuzzer, reproducible from its seed: whole random documents, valid bodies with a few
 * mutations (a field dropped, retyped, made huge or deep, an unknown one added), and byte-level damage (cut short,
 * a byte flipped, invalid UTF-8 spliced in).
 */
final class JsonFuzzer {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> STRINGS = List.of("", " ", "*", "task.*", "conversation.created", "webhook.test",
            "ws_fuzz", "evt_1", "whsec_", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw", "2024-01-15T10:30:00Z", "yesterday",
            "http://127.0.0.1:1/hooks", "https://127.0.0.1:1/hooks", "ftp://127.0.0.1/", "not a url", "null",
            "\u0000", "\uD83D\uDE00", "é", "' OR 1=1 --", "${jndi:ldap://127.0.0.1/x}", "../../etc/passwd",
            "-1", "1e309", "true");

    private final Random random;

    JsonFuzzer(Random random) {
        this.random = random;
    }

    /** A random JSON value at most {@code depth} containers deep. */
    JsonNode value(int depth) {
        int kind = random.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.booleanNode(random.nextBoolean());
            case 2 -> NODES.numberNode(random.nextInt());
            case 3 -> NODES.numberNode(new BigDecimal(random.nextGaussian() * 1e6).stripTrailingZeros());
            case 4, 5 -> NODES.textNode(STRINGS.get(random.nextInt(STRINGS.size())));
            case 6 -> NODES.textNode(randomText(random.nextInt(40)));
            case 7 -> {
                ArrayNode array = NODES.arrayNode();
                for (int i = random.nextInt(4); i > 0; i--) {
                    array.add(value(depth - 1));
                }
                yield array;
            }
            default -> {
                ObjectNode object = NODES.objectNode();
                for (int i = random.nextInt(5); i > 0; i--) {
                    object.set(randomText(1 + random.nextInt(8)), value(depth - 1));
                }
                yield object;
            }
        };
    }

    /** A copy of {@code valid} with one to three mutations. */
    JsonNode mutate(JsonNode valid) {
        JsonNode body = valid.deepCopy();
        for (int i = 1 + random.nextInt(3); i > 0; i--) {
            body = mutateOnce(body);
        }
        return body;
    }

    /** Serialized {@code body}, sometimes damaged at the byte level. */
    byte[] bytes(JsonNode body) {
        byte[] json = Json.toBytes(body);
        return switch (random.nextInt(8)) {
            case 0 -> Arrays.copyOf(json, random.nextInt(Math.max(1, json.length)));
            case 1 -> flip(json);
            case 2 -> splice(json, new byte[] {(byte) 0xC3, (byte) 0x28});
            case 3 -> splice(json, new byte[] {(byte) 0xF0, (byte) 0x9F, (byte) 0x98});
            default -> json;
        };
    }

    private JsonNode mutateOnce(JsonNode body) {
        if (!body.isContainerNode() || body.isEmpty()) {
            return random.nextBoolean() ? value(3) : body;
        }
        if (body.isArray()) {
            ArrayNode array = (ArrayNode) body;
            int index = random.nextInt(array.size());
            switch (random.nextInt(3)) {
                case 0 -> array.remove(index);
                case 1 -> array.set(index, mutateOnce(array.get(index)));
                default -> array.add(value(2));
            }
            return array;
        }
        ObjectNode object = (ObjectNode) body;
        List<String> fields = new ArrayList<>();
        object.fieldNames().forEachRemaining(fields::add);
        String field = fields.get(random.nextInt(fields.size()));
        switch (random.nextInt(7)) {
            case 0 -> object.remove(field);
            case 1 -> object.set(field, value(2));
            case 2 -> object.set(field, mutateOnce(object.get(field)));
            case 3 -> object.put(field, "x".repeat(1 + random.nextInt(100_000)));
            case 4 -> object.set(field, nested(1 + random.nextInt(200)));
            case 5 -> object.set(randomText(1 + random.nextInt(12)), value(2));
            default -> object.putNull(field);
        }
        return object;
    }

    private JsonNode nested(int depth) {
        JsonNode node = NODES.textNode("bottom");
        for (int i = 0; i < depth; i++) {
            node = random.nextBoolean() ? NODES.arrayNode().add(node) : NODES.objectNode().set("n", node);
        }
        return node;
    }

    private String randomText(int length) {
        StringBuilder text = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            int pick = random.nextInt(10);
            text.appendCodePoint(pick < 6 ? 'a' + random.nextInt(26) : pick < 8 ? random.nextInt(0x80)
                    : pick < 9 ? 0x80 + random.nextInt(0x700) : 0x1F600 + random.nextInt(0x40));
        }
        return text.toString();
    }

    private byte[] flip(byte[] json) {
        byte[] copy = json.clone();
        if (copy.length > 0) {
            copy[random.nextInt(copy.length)] = (byte) random.nextInt(256);
        }
        return copy;
    }

    private byte[] splice(byte[] json, byte[] inserted) {
        int at = random.nextInt(json.length + 1);
        byte[] spliced = new byte[json.length + inserted.length];
        System.arraycopy(json, 0, spliced, 0, at);
        System.arraycopy(inserted, 0, spliced, at, inserted.length);
        System.arraycopy(json, at, spliced, at + inserted.length, json.length - at);
        return spliced;
    }

    /** UTF-8 bytes of a string, for callers that build bodies by hand. */
    static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
