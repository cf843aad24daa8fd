package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.ingest.tokens.ApiToken;
import io.javalin.http.Context;

/** Who makes a {@code /v1} call: the admin ({@code api.token}) or the holder of a workspace token. */
sealed interface Caller {

    /** The admin token: every workspace, every route. */
    record Admin() implements Caller {
    }

    /** A workspace token: its own workspace only, with its permissions. */
    record WorkspaceMember(ApiToken token) implements Caller {
    }

    String ATTRIBUTE = "chatplugify.caller";

    /** The caller {@link ApiAccess} authenticated for this request. */
    static Caller of(Context ctx) {
        Caller caller = ctx.attribute(ATTRIBUTE);
        if (caller == null) {
            throw new IllegalStateException("no caller for " + ctx.method() + " " + ctx.path() + ": not a /v1 route?");
        }
        return caller;
    }

    /** The workspace the caller is confined to, or null for the admin. */
    default String confinedTo() {
        return this instanceof WorkspaceMember member ? member.token().workspaceId() : null;
    }
}
