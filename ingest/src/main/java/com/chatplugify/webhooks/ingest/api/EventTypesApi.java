package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.ingest.eventtypes.EventType;
import com.chatplugify.webhooks.ingest.eventtypes.EventTypeCatalogue;
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
 * clients (the console's checkboxes) need not hard-code it; and for each type the JSON Schema of its {@code data}
 * and an example, as receivers get them.
 */
public final class EventTypesApi {

    private final EventTypeCatalogue catalogue;

    public EventTypesApi(EventTypeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    void register(JavalinDefaultRoutingApi app) {
        app.get("/v1/event-types", this::list);
    }

    void list(Context ctx) {
        List<Map<String, Object>> types = new ArrayList<>();
        Set<String> families = new LinkedHashSet<>();
        for (EventType type : catalogue.all()) {
            if (EventTypes.DOMAIN.contains(type.type())) {
                families.add(EventTypes.familyOf(type.type()));
                types.add(json(type));
            }
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("data", types);
        json.put("families", families.stream().map(family -> Map.of("family", family, "filter", family + ".*")).toList());
        json.put("all", EventFilter.ANY);
        json.put("test", catalogue.find(EventTypes.WEBHOOK_TEST).map(EventTypesApi::json).orElseThrow());
        ctx.json(json);
    }

    private static Map<String, Object> json(EventType type) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", type.type());
        json.put("family", EventTypes.familyOf(type.type()));
        json.put("description", type.description());
        json.put("schema", type.schema());
        json.put("example", type.example());
        return json;
    }
}
