package com.chatplugify.webhooks.ingest.eventtypes;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;

/**
 * One event type of the catalogue.
 *
 * @param type        such as {@code conversation.created}
 * @param description what it means, in the customer guide's words
 * @param schema      the JSON Schema (2020-12) of its {@code data}, as published
 * @param example     an example of its {@code data}, valid against {@code schema}
 * @param compiled    {@code schema}, ready to validate with
 */
public record EventType(String type, String description, JsonNode schema, JsonNode example, Schema compiled) {

    /** A copy of the example, which the caller may change. */
    public JsonNode exampleCopy() {
        return example.deepCopy();
    }
}
