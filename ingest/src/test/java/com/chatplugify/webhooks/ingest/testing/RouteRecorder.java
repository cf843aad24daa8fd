package com.chatplugify.webhooks.ingest.testing;

import com.chatplugify.webhooks.common.http.HttpRoutes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.HandlerType;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records every HTTP route the server registers (not before/after filters), through Javalin's own events. */
public final class RouteRecorder implements HttpRoutes {

    /** A route: its method and its path as registered, such as {@code /v1/webhooks/{id}}. */
    public record Route(String method, String path) {
    }

    private final List<Route> routes = new CopyOnWriteArrayList<>();

    @Override
    public void configure(JavalinConfig config) {
        config.events.handlerAdded(handler -> {
            HandlerType type = handler.getHttpMethod();
            if (type.isHttpMethod()) {
                routes.add(new Route(type.name(), handler.getPath()));
            }
        });
    }

    @Override
    public void register(JavalinDefaultRoutingApi app) {
        // Nothing to serve: it only listens.
    }

    public List<Route> routes() {
        return List.copyOf(routes);
    }
}
