package com.chatplugify.webhooks.common.http;

import io.javalin.config.JavalinConfig;
import io.javalin.router.JavalinDefaultRoutingApi;

/** A set of routes a role adds to the process's one HTTP server. */
public interface HttpRoutes {

    /** Server settings the routes need (request size limits, static files); called before the server exists. */
    default void configure(JavalinConfig config) {
    }

    /** Adds the routes; called once, after {@link #configure}, while the server is being configured. */
    void register(JavalinDefaultRoutingApi app);
}
