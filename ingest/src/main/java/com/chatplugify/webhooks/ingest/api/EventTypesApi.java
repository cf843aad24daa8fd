package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.EventTypes;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code GET /v1/event-types}: the catalogue a webhook may subscribe to, with the family wildcards, so that
 * clients (the console's checkboxes) need not hard-code it.
 */
final class EventTypesApi {

    void register(JavalinDefaultRoutingApi app) {
        app.get("/v1/event-types", this::list);
    }

    void list(Context ctx) {
        List<Map<String, String>> types = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        for (String type : EventTypes.DOMAIN) {
            String family = EventTypes.familyOf(type);
            families.add(family);
            types.add(Map.of("type", type, "family", family));
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", types);
        json.put("families", families.stream().map(family -> Map.of("family", family, "filter", family + ".*")).toList());
        json.put("all", EventFilter.ANY);
        ctx.json(json);
    }
}
