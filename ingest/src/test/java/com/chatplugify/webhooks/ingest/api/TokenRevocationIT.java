package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.ingest.IngestConfig;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Two ingest instances on one broker: a token issued through one is accepted by the other at once, and once revoked
 * through one, the other refuses it within api.tokens.max-staleness, the bound the documentation promises.
 */
class TokenRevocationIT {

    private static final Duration MAX_STALENESS = Duration.ofSeconds(3);
    private static IngestTestServer first;
    private static IngestTestServer second;

    private final String workspace = "ws_revoke_" + UUID.randomUUID();

    @BeforeAll
    static void startTwoInstances() {
        Map<String, String> settings = Map.of(IngestConfig.TOKENS_MAX_STALENESS, MAX_STALENESS.toSeconds() + "s");
        first = IngestTestServer.start(settings);
        second = IngestTestServer.start(settings);
    }

    @AfterAll
    static void stopThem() {
        second.close();
        first.close();
    }

    @Test
    void shouldHaveEveryInstanceRefuseARevokedTokenWithinTheBound() {
        IngestTestServer.IssuedToken token = first.issueToken(workspace, "read");
        ApiClient throughSecond = second.api(token.secret());
        assertThat(throughSecond.get("/v1/webhooks?workspaceId=" + workspace).status())
                .as("issued through the first, accepted at once by the second").isEqualTo(200);

        assertThat(first.api().delete("/v1/tokens/" + token.id()).status()).isEqualTo(204);

        assertThat(first.api(token.secret()).get("/v1/whoami").status()).as("the revoking instance").isEqualTo(401);
        await().atMost(MAX_STALENESS).pollInterval(Duration.ofMillis(50))
                .until(() -> throughSecond.get("/v1/whoami").status() == 401);
        assertThat(second.api().get("/v1/tokens/" + token.id()).status()).isEqualTo(404);
    }

    @Test
    void shouldShowEveryInstanceATokenIssuedThroughAnother() {
        IngestTestServer.IssuedToken token = first.issueToken(workspace, "read", "replay");

        ApiClient.Response listed = second.api().get("/v1/tokens/" + token.id());

        assertThat(listed.status()).isEqualTo(200);
        assertThat(listed.json().get("workspaceId").textValue()).isEqualTo(workspace);
    }
}
