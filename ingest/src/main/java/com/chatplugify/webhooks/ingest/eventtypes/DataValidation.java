package com.chatplugify.webhooks.ingest.eventtypes;

import com.chatplugify.webhooks.common.model.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * Whether the API checks an event's {@code data} against the schema of its type ({@code events.validate-data}).
 * Off, {@code data} is the publisher's own and never checked; on, an event whose data breaks its type's schema is
 * refused, each violation naming the path and the rule.
 */
public final class DataValidation {

    private final EventTypeCatalogue catalogue;

    private DataValidation(EventTypeCatalogue catalogue) {
        this.catalogue = catalogue;
    }

    public static DataValidation off() {
        return new DataValidation(null);
    }

    public static DataValidation against(EventTypeCatalogue catalogue) {
        return new DataValidation(catalogue);
    }

    /**
     * What in the envelope's {@code data} breaks its type's schema. Empty when validation is off, and for an
     * envelope whose type is unknown or whose data is not an object: the envelope's own validation says so.
     */
    public List<Violation> violations(JsonNode envelope) {
        if (catalogue == null) {
            return List.of();
        }
        JsonNode type = envelope.path("event");
        JsonNode data = envelope.path("data");
        return type.isTextual() && data.isObject() ? catalogue.violations(type.textValue(), data) : List.of();
    }
}
