package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.http.HttpRoutes;
import com.chatplugify.webhooks.common.net.AddressPolicy;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import com.chatplugify.webhooks.ingest.webhooks.Secrets;
import com.chatplugify.webhooks.ingest.webhooks.SubscriptionWriter;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.MeterRegistry;
import java.security.SecureRandom;
import java.time.Clock;
import org.apache.kafka.clients.producer.Producer;

/** The {@code /v1} API: bearer-token auth in front of events and webhooks. */
public final class ApiRoutes implements HttpRoutes {

    /** Large enough for a batch of events; each call checks its own, smaller limit. */
    private static final long MAX_REQUEST_BYTES = 16L * 1024 * 1024;

    private final BearerAuth auth;
    private final EventsApi events;
    private final WebhooksApi webhooks;

    public ApiRoutes(String apiToken, Producer<String, byte[]> producer, SubscriptionView view, MeterRegistry registry,
                     Clock clock, boolean allowHttp, AddressPolicy addresses) {
        this.auth = new BearerAuth(apiToken);
        this.events = new EventsApi(producer, registry, clock);
        this.webhooks = new WebhooksApi(view, new SubscriptionWriter(producer, view), new Secrets(new SecureRandom()),
                clock, allowHttp, addresses);
    }

    @Override
    public void configure(JavalinConfig config) {
        config.http.maxRequestSize = MAX_REQUEST_BYTES;
    }

    @Override
    public void register(Javalin app) {
        ApiErrors.register(app);
        app.before("/v1/*", auth::check);
        app.post("/v1/events", events::publish);
        app.post("/v1/webhooks", webhooks::create);
        app.get("/v1/webhooks", webhooks::list);
        app.get("/v1/webhooks/{id}", webhooks::get);
    }
}
