package com.chatplugify.webhooks.ingest.api;

import io.javalin.http.ExceptionHandler;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import io.javalin.router.Endpoint;
import io.javalin.router.JavalinDefaultRoutingApi;
import io.javalin.security.RouteRole;
import io.javalin.websocket.WsConfig;
import io.javalin.websocket.WsExceptionHandler;
import io.javalin.websocket.WsHandlerType;
import java.util.function.Consumer;

/**
 * The routing API the {@code /v1} routes are registered through: each GET route gets a HEAD route beside it, served
 * by the same handler, whose body the server drops (RFC 9110 9.3.2). Javalin would answer HEAD through the GET route
 * by itself, but without a matched endpoint in the before-handlers, so that access rules could not tell the route;
 * a HEAD route of its own is matched like any other, and listed in a 405's {@code Allow}.
 */
final class HeadRoutes implements JavalinDefaultRoutingApi {

    private final JavalinDefaultRoutingApi routes;

    HeadRoutes(JavalinDefaultRoutingApi routes) {
        this.routes = routes;
    }

    @Override
    public JavalinDefaultRoutingApi addEndpoint(Endpoint endpoint) {
        routes.addEndpoint(endpoint);
        if (endpoint.method == HandlerType.GET) {
            routes.addEndpoint(new Endpoint(HandlerType.HEAD, endpoint.path, endpoint.handler));
        }
        return this;
    }

    @Override
    public <E extends Exception> JavalinDefaultRoutingApi exception(Class<E> type, ExceptionHandler<? super E> handler) {
        routes.exception(type, handler);
        return this;
    }

    @Override
    public JavalinDefaultRoutingApi error(int status, String contentType, Handler handler) {
        routes.error(status, contentType, handler);
        return this;
    }

    @Override
    public <E extends Exception> JavalinDefaultRoutingApi wsException(Class<E> type,
                                                                      WsExceptionHandler<? super E> handler) {
        routes.wsException(type, handler);
        return this;
    }

    @Override
    public JavalinDefaultRoutingApi addWsHandler(WsHandlerType type, String path, Consumer<WsConfig> config,
                                                 RouteRole... roles) {
        routes.addWsHandler(type, path, config, roles);
        return this;
    }
}
