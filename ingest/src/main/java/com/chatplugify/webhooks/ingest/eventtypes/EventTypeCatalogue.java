package com.chatplugify.webhooks.ingest.eventtypes;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The event types with the JSON Schema (2020-12) of their {@code data} and an example, read from
 * {@code event-types/catalogue.json} on the classpath: one entry for each type of {@link EventTypes#ALL}, checked
 * when loaded. Formats ({@code date-time}, {@code email}) are asserted, not only annotations.
 */
public final class EventTypeCatalogue {

    static final String RESOURCE = "/event-types/catalogue.json";

    private final Map<String, EventType> types;

    private EventTypeCatalogue(Map<String, EventType> types) {
        this.types = types;
    }

    /** The catalogue shipped with the API. */
    public static EventTypeCatalogue load() {
        try (InputStream in = EventTypeCatalogue.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            return of(Json.mapper().readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    static EventTypeCatalogue of(JsonNode catalogue) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                        .formatAssertionsEnabled(true).pathType(PathType.LEGACY).build()));
        Map<String, EventType> types = new LinkedHashMap<>();
        for (JsonNode entry : catalogue.path("types")) {
            String type = entry.path("type").asText();
            JsonNode schema = entry.path("schema");
            types.put(type, new EventType(type, entry.path("description").asText(), schema, entry.path("example"),
                    registry.getSchema(schema.toString(), InputFormat.JSON)));
        }
        if (!types.keySet().equals(EventTypes.ALL)) {
            throw new IllegalStateException(RESOURCE + " describes " + types.keySet() + ", not " + EventTypes.ALL);
        }
        types.values().forEach(type -> {
            List<Violation> problems = violationsOf(type, type.example());
            if (!problems.isEmpty()) {
                throw new IllegalStateException("the example of " + type.type() + " breaks its schema: " + problems);
            }
        });
        return new EventTypeCatalogue(Map.copyOf(types));
    }

    /** Every type, the domain ones in the guide's order, then {@code webhook.test}. */
    public Collection<EventType> all() {
        return EventTypes.ALL.stream().map(types::get).toList();
    }

    public Optional<EventType> find(String type) {
        return Optional.ofNullable(types.get(type));
    }

    /**
     * What in {@code data} breaks the schema of {@code type}, each naming the path at fault (such as
     * {@code data.items[0].quantity}) and the rule broken; empty for a type the catalogue does not know.
     */
    public List<Violation> violations(String type, JsonNode data) {
        EventType eventType = types.get(type);
        return eventType == null ? List.of() : violationsOf(eventType, data);
    }

    private static List<Violation> violationsOf(EventType type, JsonNode data) {
        List<Violation> violations = new ArrayList<>();
        // The validator reads Jackson 3 trees and ours are Jackson 2: it gets the JSON text.
        for (Error error : type.compiled().validate(data.toString(), InputFormat.JSON)) {
            String path = error.getInstanceLocation().toString();
            String field = "data" + (path.startsWith("$") ? path.substring(1) : path);
            violations.add(new Violation(Violation.INVALID_DATA, field, "breaks the rule '" + error.getKeyword() + "' of the "
                    + type.type() + " data schema: " + error.getMessage()));
        }
        return violations;
    }
}
