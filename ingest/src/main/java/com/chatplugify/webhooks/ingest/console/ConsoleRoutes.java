package com.chatplugify.webhooks.ingest.console;

import com.chatplugify.webhooks.common.http.HttpRoutes;
import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/**
 * The web console at {@code /}: static pages from {@code console/} on the classpath that call the {@code /v1} API
 * from the browser with the token signed in with. The content security policy lets a page load and call nothing
 * but this server, so nothing is fetched from elsewhere and injected markup cannot run.
 */
public final class ConsoleRoutes implements HttpRoutes {

    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";

    @Override
    public void configure(JavalinConfig config) {
        config.staticFiles.add(files -> {
            files.hostedPath = "/";
            files.directory = "/console";
            files.location = Location.CLASSPATH;
            files.headers = Map.of(
                    "Cache-Control", "no-cache",
                    "Content-Security-Policy", CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options", "nosniff",
                    "X-Frame-Options", "DENY",
                    "Referrer-Policy", "no-referrer");
        });
    }

    @Override
    public void register(JavalinDefaultRoutingApi app) {
        // Static files need no route: Javalin serves them after matching the API's endpoints.
    }
}
