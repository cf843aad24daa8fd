package com.chatplugify.webhooks.ingest.tokens;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * What a workspace token may do inside its workspace. Reading is implied by the others: a token that may change
 * webhooks or replay dead letters may also see what it changes.
 */
public enum Permission {

    /** See the workspace's webhooks, their delivery history and statistics, and its dead letters. */
    READ("read"),
    /** Create, change, disable and delete webhooks, rotate and reveal their secrets and header values, send tests. */
    MANAGE_WEBHOOKS("manage_webhooks"),
    /** Replay the workspace's dead letters (dry runs included). */
    REPLAY("replay");

    private final String code;

    Permission(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    /** Whether holding this permission allows what {@code needed} allows. */
    public boolean grants(Permission needed) {
        return this == needed || needed == READ;
    }

    public static Optional<Permission> ofCode(String code) {
        return Arrays.stream(values()).filter(permission -> permission.code.equals(code)).findFirst();
    }

    @JsonCreator
    static Permission fromJson(String code) {
        return ofCode(code).orElseThrow(() -> new IllegalArgumentException("unknown permission '" + code + "'"));
    }

    /** Every permission's code, as the API and its errors name them. */
    public static List<String> codes() {
        return Arrays.stream(values()).map(Permission::code).toList();
    }
}
