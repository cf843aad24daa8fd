package com.chatplugify.webhooks.app.reliability;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.app.Role;
import com.chatplugify.webhooks.app.WebhooksProcess;
import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.testing.api.ApiClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * Webhooks created while a router runs, is killed with SIGKILL and restarts on its state: whenever the API's 201 says
 * {@code Routing-Status: routed}, the event published right after it is delivered; and the routes outlive the kill.
 */
class CreationAcrossRouterRestartIT {

    private static final Duration SETTLE = Duration.ofSeconds(120);

    /** A creation, how routing stood when the API answered, and the event published right after. */
    private record Created(String webhookId, String workspace, String routing, String eventId) {

        DeliveryPair pair() {
            return new DeliveryPair(eventId, webhookId);
        }
    }

    @Test
    void shouldDeliverTheEventPublishedAfterEveryRoutedCreationAcrossARouterKill() {
        try (FaultLab lab = FaultLab.withBroker("creation-across-restart")) {
            FaultLab.RoleProcess router = lab.startRole("router", "router", Map.of());
            WebhooksProcess system = lab.startInProcess("api", EnumSet.of(Role.INGEST, Role.DELIVERER),
                    Map.of("api.routing-wait", "2s"));
            lab.awaitReady(router);
            ApiClient api = new ApiClient(system.baseUrl(), FaultLab.API_TOKEN);
            List<Created> created = new ArrayList<>();

            createAndPublish(lab, api, 20, created);
            List<Created> beforeTheKill = List.copyOf(created);
            router.jvm().kill();
            createAndPublish(lab, api, 5, created);
            FaultLab.RoleProcess restarted = lab.startRole("router", "router", Map.of());
            createAndPublish(lab, api, 5, created);
            lab.awaitReady(restarted);
            createAndPublish(lab, api, 20, created);

            Set<DeliveryPair> routed = created.stream().filter(c -> c.routing().equals("routed")).map(Created::pair)
                    .collect(Collectors.toSet());
            LoggerFactory.getLogger(CreationAcrossRouterRestartIT.class).info("{} creations, {} answered routed",
                    created.size(), routed.size());
            assertThat(routed).as("creations confirmed by routing").hasSizeGreaterThanOrEqualTo(40);
            await().atMost(SETTLE).until(() -> lab.receiver().delivered().keySet().containsAll(routed));

            List<DeliveryPair> again = new ArrayList<>();
            for (Created before : beforeTheKill) {
                again.add(new DeliveryPair(publish(api, before.workspace()), before.webhookId()));
            }
            await().atMost(SETTLE).until(() -> lab.receiver().delivered().keySet().containsAll(again));
        }
    }

    private static void createAndPublish(FaultLab lab, ApiClient api, int count, List<Created> created) {
        for (int i = 0; i < count; i++) {
            String workspace = "ws_" + UUID.randomUUID();
            String id = "webhook_" + UUID.randomUUID();
            ApiClient.Response answer = api.post("/v1/webhooks", Json.toString(Map.of("id", id, "workspaceId", workspace,
                    "url", lab.receiver().url(id), "events", List.of("*"))));
            assertThat(answer.status()).as(answer.body()).isEqualTo(201);
            created.add(new Created(id, workspace, answer.header("Routing-Status").orElseThrow(), publish(api, workspace)));
        }
    }

    private static String publish(ApiClient api, String workspace) {
        ApiClient.Response published = api.post("/v1/events", Json.toString(Map.of("event", "task.created",
                "workspaceId", workspace, "data", Map.of("id", "task_1"))));
        assertThat(published.status()).as(published.body()).isEqualTo(202);
        return published.json().get("id").textValue();
    }
}
