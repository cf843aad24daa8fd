package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Two ingest instances share the subscriptions' ownership; when one stops, the other owns every webhook and applies
 * their next changes on top of the last ones the stopped instance made.
 */
class OwnerHandoverIT {

    private final String workspace = "ws_" + UUID.randomUUID();

    @Test
    void shouldApplyChangesOnTopOfTheLastOnesOfAnInstanceThatStopped() {
        IngestTestServer leaving = IngestTestServer.start(Map.of());
        try (IngestTestServer staying = IngestTestServer.start(Map.of())) {
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 12; i++) {
                ApiClient.Response created = leaving.api().post("/v1/webhooks", body("v1"));
                assertThat(created.status()).as(created.body()).isEqualTo(201);
                String id = created.json().get("id").textValue();
                assertThat(leaving.api().put("/v1/webhooks/" + id, body("v2"), "\"1\"").status()).isEqualTo(200);
                ids.add(id);
            }

            leaving.close();

            for (String id : ids) {
                ApiClient.Response replaced = staying.api().put("/v1/webhooks/" + id, body("v3"), "\"2\"");
                assertThat(replaced.status()).as(replaced.body()).isEqualTo(200);
                assertThat(replaced.json().get("version").longValue()).isEqualTo(3);
                assertThat(staying.api().put("/v1/webhooks/" + id, body("stale"), "\"2\"").status()).isEqualTo(412);
            }
        }
    }

    private String body(String description) {
        return Json.toString(Map.of("workspaceId", workspace, "url", "https://example.com/hooks",
                "events", List.of("*"), "description", description));
    }
}
