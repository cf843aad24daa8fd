package com.chatplugify.webhooks.router.testing;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.common.config.WebhooksConfig;
import com.chatplugify.webhooks.common.http.HealthChecks;
import com.chatplugify.webhooks.router.RouterConfig;
import com.chatplugify.webhooks.router.RouterRole;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/** A router alone in its JVM, configured by {@code key=value} arguments, for tests that kill it outright. */
public final class RouterMain {

    private RouterMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        Map<String, String> settings = new LinkedHashMap<>();
        for (String arg : args) {
            int equals = arg.indexOf('=');
            settings.put(arg.substring(0, equals), arg.substring(equals + 1));
        }
        WebhooksConfig config = new WebhooksConfig(RouterConfig.define(CommonConfig.define(new ConfigDef())), settings);
        RouterRole router = new RouterRole(config, new SimpleMeterRegistry(), new HealthChecks()).start();
        Runtime.getRuntime().addShutdownHook(new Thread(router::close, "router-stop"));
        Thread.currentThread().join();
    }
}
