package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.ingest.tokens.Permission;
import java.util.List;

/** What a {@code /v1} route asks of a workspace token; the admin token passes every rule. */
sealed interface RouteRule {

    /** Only the admin: for a workspace token the route answers 404, as a route that does not exist. */
    record AdminOnly() implements RouteRule {
    }

    /** Any valid token: reference data that belong to no workspace. */
    record AnyCaller() implements RouteRule {
    }

    /**
     * The permission, in the token's own workspace: every place the request names a workspace must name the token's.
     * Another workspace, or a webhook or event of one, answers 404; a missing permission in its own, 403.
     */
    record InWorkspace(Permission permission, List<WorkspaceSource> sources) implements RouteRule {

        public InWorkspace {
            if (sources.isEmpty()) {
                throw new IllegalArgumentException("a workspace rule names where the workspace is found");
            }
            sources = List.copyOf(sources);
        }
    }

    /** Where a request names the workspace it concerns. */
    sealed interface WorkspaceSource {
    }

    /** A query parameter holding a workspace id. */
    record QueryParameter(String name) implements WorkspaceSource {
    }

    /** A field of the JSON body holding a workspace id. */
    record BodyField(String name) implements WorkspaceSource {
    }

    /** A path parameter holding a webhook id: the webhook's workspace. */
    record WebhookInPath(String parameter) implements WorkspaceSource {
    }

    /**
     * A query parameter holding a webhook id (the workspace of the webhook as it is now) when given, else one holding
     * a workspace id: for a route that answers about either.
     */
    record WebhookOrWorkspaceInQuery(String webhookParameter, String workspaceParameter) implements WorkspaceSource {
    }

    /** A path parameter holding an event id: the workspace of the event's recorded attempts. */
    record EventInPath(String parameter) implements WorkspaceSource {
    }

    static RouteRule adminOnly() {
        return new AdminOnly();
    }

    static RouteRule anyCaller() {
        return new AnyCaller();
    }

    static RouteRule inWorkspace(Permission permission, WorkspaceSource... sources) {
        return new InWorkspace(permission, List.of(sources));
    }
}
