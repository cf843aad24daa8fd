package com.chatplugify.webhooks.common.http;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;

/** A set of routes a role adds to the process's one HTTP server. */
public interface HttpRoutes {

    /** Server settings the routes need (request size limits, static files); called before the server exists. */
    default void configure(JavalinConfig config) {
    }

    /** Adds the routes; called once, before the server starts. */
    void register(Javalin app);
}
