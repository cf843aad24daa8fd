package com.chatplugify.webhooks.ingest.eventtypes;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Violation;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventTypeCatalogueTest {

    private final EventTypeCatalogue catalogue = EventTypeCatalogue.load();

    @Test
    void shouldDescribeEveryEventTypeWithADraft202012SchemaAndAnExampleThatMeetsIt() {
        assertThat(catalogue.all()).extracting(EventType::type).containsExactlyElementsOf(EventTypes.ALL);
        for (EventType type : catalogue.all()) {
            assertThat(type.description()).as(type.type()).isNotBlank();
            assertThat(type.schema().get("$schema").textValue()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
            assertThat(type.example().isObject()).as(type.type()).isTrue();
            assertThat(catalogue.violations(type.type(), type.example())).as(type.type()).isEmpty();
        }
    }

    @Test
    void shouldUseTheGuidesOwnPayloadAsTheExampleOfConversationCreated() throws IOException {
        JsonNode guide = Json.mapper().readTree("""
                {"id": "conv_123", "workspaceId": "ws_456", "userId": "user_789", "status": "active",
                 "metadata": {"source": "chat_widget", "customerEmail": "user@example.com"}}""");

        assertThat(catalogue.find("conversation.created").orElseThrow().example()).isEqualTo(guide);
    }

    @Test
    void shouldCarryInTheExamplesTheFieldsTheGuidesCodeReads() {
        assertThat(catalogue.find("conversation.created").orElseThrow().example().path("id").isTextual()).isTrue();
        assertThat(catalogue.find("contact.created").orElseThrow().example().path("email").isTextual()).isTrue();
        assertThat(catalogue.find("task.completed").orElseThrow().example().path("id").isTextual()).isTrue();
    }

    @Test
    void shouldNameThePathAndTheRuleOfEachViolation() {
        ObjectNode order = (ObjectNode) catalogue.find("order.requested").orElseThrow().exampleCopy();
        ((ObjectNode) order.get("items").get(0)).put("quantity", "two");
        order.remove("workspaceId");
        order.put("currency", "dollars");

        List<Violation> violations = catalogue.violations("order.requested", order);

        assertThat(violations).extracting(Violation::reason).containsOnly(Violation.INVALID_DATA);
        assertThat(violations).extracting(Violation::field)
                .containsExactlyInAnyOrder("data.items[0].quantity", "data", "data.currency");
        assertThat(violations).filteredOn(v -> v.field().equals("data.items[0].quantity"))
                .extracting(Violation::message).singleElement().asString().contains("'type'").contains("integer");
        assertThat(violations).filteredOn(v -> v.field().equals("data"))
                .extracting(Violation::message).singleElement().asString().contains("'required'").contains("workspaceId");
        assertThat(violations).filteredOn(v -> v.field().equals("data.currency"))
                .extracting(Violation::message).singleElement().asString().contains("'pattern'");
    }

    @Test
    void shouldAssertFormatsNotOnlyAnnotateThem() {
        ObjectNode task = (ObjectNode) catalogue.find("task.created").orElseThrow().exampleCopy();
        task.put("dueAt", "tomorrow");
        ObjectNode contact = (ObjectNode) catalogue.find("contact.created").orElseThrow().exampleCopy();
        contact.put("email", "not an address");

        assertThat(catalogue.violations("task.created", task)).extracting(Violation::field).containsExactly("data.dueAt");
        assertThat(catalogue.violations("contact.created", contact)).extracting(Violation::field)
                .containsExactly("data.email");
    }

    @Test
    void shouldLeaveFieldsTheSchemaDoesNotNameToThePublisher() {
        ObjectNode contact = (ObjectNode) catalogue.find("contact.created").orElseThrow().exampleCopy();
        contact.put("crmReference", 42);

        assertThat(catalogue.violations("contact.created", contact)).isEmpty();
    }
}
