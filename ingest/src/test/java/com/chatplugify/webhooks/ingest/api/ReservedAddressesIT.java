package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.config.CommonConfig;
import com.chatplugify.webhooks.ingest.testing.IngestTestServer;
import com.chatplugify.webhooks.testing.api.ApiClient;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** With the default address policy, the API refuses a URL whose host is an address of a special-purpose range. */
class ReservedAddressesIT {

    private static IngestTestServer server;

    @BeforeAll
    static void start() {
        server = IngestTestServer.start(Map.of(CommonConfig.DELIVERY_ALLOW_PRIVATE_ADDRESSES, "false"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "https://[2002:a00:1::1]/hook | 6to4",
        "https://[2001:0:4136:e378:8000:63bf:3fff:fdd2]/hook | TEREDO",
        "https://[64:ff9b:1::a00:1]/hook | IPv4-IPv6 Translat.",
        "https://[64:ff9b::a00:1]/hook | Private-Use",
        "https://[::ffff:169.254.169.254]/hook | Link Local",
        "https://[2001:db8::1]/hook | Documentation",
        "https://[3fff::1]/hook | Documentation",
        "https://192.0.2.10/hook | Documentation (TEST-NET-1)",
        "https://198.18.0.1/hook | Benchmarking",
        "https://[5f00::1]/hook | Segment Routing",
        "https://[100:0:0:1::1]/hook | Dummy IPv6 Prefix",
        "https://[fe80::1]/hook | Link-Local Unicast",
        "https://[ff02::1]/hook | Multicast",
        "https://127.0.0.1/hook | Loopback"})
    void shouldRefuseAUrlOnAReservedAddress(String url, String range) {
        ApiClient.Response refused = server.api().post("/v1/webhooks", "{\"workspaceId\":\"ws_addresses\",\"url\":\""
                + url + "\",\"events\":[\"*\"]}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("detail").get(0).get("field").textValue()).isEqualTo("url");
        assertThat(refused.json().get("detail").get(0).get("message").textValue()).contains(range)
                .contains("delivery.allow-private-addresses");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"https://8.8.8.8/hook", "https://[2606:4700:4700::1111]/hook", "https://[64:ff9b::808:808]/hook",
        "https://192.0.0.9/hook"})
    void shouldAcceptAUrlOnAPublicAddress(String url) {
        ApiClient.Response created = server.api().post("/v1/webhooks", "{\"workspaceId\":\"ws_addresses\",\"url\":\""
                + url + "\",\"events\":[\"*\"]}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
    }
}
