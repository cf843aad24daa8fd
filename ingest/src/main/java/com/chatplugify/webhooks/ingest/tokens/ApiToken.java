package com.chatplugify.webhooks.ingest.tokens;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A workspace token as {@code chatplugify.api-tokens} holds it: its secret only as a SHA-256 hash, never in
 * plaintext.
 *
 * @param hint       the secret's last four characters, so that people can tell their tokens apart
 * @param expiresAt  after this instant the token is refused; null: it does not expire
 * @param secretHash SHA-256 of the secret's UTF-8 bytes, base64url without padding
 */
@JsonPropertyOrder({"id", "name", "workspaceId", "permissions", "createdAt", "expiresAt", "hint", "secretHash"})
public record ApiToken(String id, String name, String workspaceId, Set<Permission> permissions, Instant createdAt,
                       Instant expiresAt, String hint, String secretHash) {

    public ApiToken {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(secretHash, "secretHash");
        permissions = Set.copyOf(permissions);
    }

    public boolean expired(Instant now) {
        return expiresAt != null && !now.isBefore(expiresAt);
    }

    /** Whether one of the token's permissions allows what {@code needed} allows. */
    public boolean allows(Permission needed) {
        return permissions.stream().anyMatch(permission -> permission.grants(needed));
    }
}
