package com.chatplugify.webhooks.ingest.tokens;

import java.time.Instant;
import java.util.Set;

/**
 * A token to issue, as validated at the edge (API or CLI).
 *
 * @param expiresAt null: it does not expire
 */
public record NewToken(String name, String workspaceId, Set<Permission> permissions, Instant expiresAt) {

    public NewToken {
        permissions = Set.copyOf(permissions);
    }
}
