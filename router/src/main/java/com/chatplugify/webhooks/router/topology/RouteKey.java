package com.chatplugify.webhooks.router.topology;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The key of a route in the store of routes by workspace: one entry per webhook, so that a workspace's size is
 * bounded by nothing but the store, and all of a workspace's routes are found by a prefix scan.
 *
 * <p>As bytes: the workspace id's UTF-8 length (4 bytes, big-endian), the workspace id, then the webhook id. The
 * first two parts, {@link #PREFIX}, start the keys of that workspace and of no other.
 */
public record RouteKey(String workspaceId, String webhookId) {

    /** Writes the prefix shared by every key of a workspace: the argument is the workspace id. */
    static final Serializer<String> PREFIX = (topic, workspaceId) -> prefix(workspaceId).array();

    static final Serde<RouteKey> SERDE = Serdes.serdeFrom(RouteKey::serialize, RouteKey::deserialize);

    private static ByteBuffer prefix(String workspaceId) {
        byte[] workspace = workspaceId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + workspace.length).putInt(workspace.length).put(workspace);
    }

    private static byte[] serialize(String topic, RouteKey key) {
        if (key == null) {
            return null;
        }
        byte[] workspace = key.workspaceId.getBytes(StandardCharsets.UTF_8);
        byte[] webhook = key.webhookId.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(Integer.BYTES + workspace.length + webhook.length)
                .putInt(workspace.length).put(workspace).put(webhook).array();
    }

    private static RouteKey deserialize(String topic, byte[] bytes) {
        if (bytes == null) {
            return null;
        }
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        int length = bytes.length >= Integer.BYTES ? buffer.getInt() : -1;
        if (length < 0 || length > buffer.remaining()) {
            throw new SerializationException("Not a route key: " + bytes.length + " bytes");
        }
        String workspace = new String(bytes, Integer.BYTES, length, StandardCharsets.UTF_8);
        String webhook = new String(bytes, Integer.BYTES + length, bytes.length - Integer.BYTES - length,
                StandardCharsets.UTF_8);
        return new RouteKey(workspace, webhook);
    }
}
