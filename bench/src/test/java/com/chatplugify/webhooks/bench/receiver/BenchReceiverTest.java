package com.chatplugify.webhooks.bench.receiver;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.bench.MicroClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receiver over real HTTP on 127.0.0.1. */
class BenchReceiverTest {

    private final MicroClock clock = new MicroClock(Clock.systemUTC());
    private final BenchReceiver receiver = BenchReceiver.start(clock, 0, 1);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void shouldTallyFirstArrivalsAndDuplicatesOfTheMeasurementsEvents() throws Exception {
        List<Endpoint> endpoints = receiver.newEndpoints(List.of(EndpointKind.HEALTHY, EndpointKind.HEALTHY));
        DeliveryTally tally = new DeliveryTally("evt_run_m1", endpoints, 2);
        endpoints.forEach(endpoint -> endpoint.tally(tally));
        tally.openWindow(0);

        assertThat(post(endpoints.get(0), "evt_run_m1_0").statusCode()).isEqualTo(200);
        assertThat(post(endpoints.get(1), "evt_run_m1_1").statusCode()).isEqualTo(200);
        assertThat(post(endpoints.get(0), "evt_run_m1_0").statusCode()).isEqualTo(200);
        post(endpoints.get(0), "evt_other_m9_4");

        assertThat(tally.firstArrivals()).isEqualTo(2);
        assertThat(tally.duplicates()).isEqualTo(1);
        assertThat(tally.arrivalsInWindow(EndpointKind.HEALTHY)).isEqualTo(2);
        assertThat(tally.total(EndpointKind.HEALTHY).getTotalCount()).isEqualTo(2);
        assertThat(receiver.stray()).isEqualTo(1);
    }

    @Test
    void shouldAnswerAsScriptedAndHoldAHungRequestWithoutHoldingUpOthers() throws Exception {
        List<Endpoint> endpoints = receiver.newEndpoints(List.of(EndpointKind.HUNG, EndpointKind.FAILING));
        endpoints.forEach(endpoint -> endpoint.applyKind(Duration.ofSeconds(2)));

        CompletableFuture<HttpResponse<Void>> hung = http.sendAsync(request(endpoints.get(0), "evt_x_1"),
                HttpResponse.BodyHandlers.discarding());
        int failing = post(endpoints.get(1), "evt_x_2").statusCode();

        assertThat(failing).isEqualTo(500);
        assertThat(hung).isNotDone();
        assertThat(hung.get().statusCode()).isEqualTo(200);
    }

    @Test
    void shouldMarkAProbedEndpointAndAnswerAProbeAtOnceWhateverItsScript() throws Exception {
        Endpoint endpoint = receiver.newEndpoints(List.of(EndpointKind.FAILING)).get(0);
        endpoint.applyKind(Duration.ZERO);

        assertThat(post(endpoint, "evt_run_scenario_p0x0").statusCode()).isEqualTo(200);
        assertThat(endpoint.probed()).isTrue();
    }

    @Test
    void shouldAnswer404ForAPathThatIsNoEndpoint() throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/nope"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private HttpResponse<Void> post(Endpoint endpoint, String eventId) throws Exception {
        return http.send(request(endpoint, eventId), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest request(Endpoint endpoint, String eventId) {
        String body = "{\"id\":\"" + eventId + "\",\"timestamp\":\"" + MicroClock.instant(clock.nowMicros() - 5_000) + "\"}";
        return HttpRequest.newBuilder(URI.create(receiver.url(endpoint)))
                .header("webhook-id", eventId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
