package com.chatplugify.webhooks.bench.receiver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

    private static final KindReplies REPLIES = new KindReplies(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(7));

    private final MicroClock clock = new MicroClock(Clock.systemUTC());
    private final BenchReceiver receiver = BenchReceiver.start(clock, 0, 1);
    private final HttpClient http = HttpClient.newHttpClient();

    @AfterEach
    void stop() {
        receiver.close();
    }

    @Test
    void shouldTallyFirstArrivalsAndDuplicatesOfTheMeasurementsEvents() throws Exception {
        List<ReceiverEndpoint> endpoints = receiver.newEndpoints(List.of(EndpointKind.HEALTHY, EndpointKind.HEALTHY));
        DeliveryTally tally = new DeliveryTally("evt_run_m1", endpoints, number -> number / 2);
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
        List<ReceiverEndpoint> endpoints = receiver.newEndpoints(List.of(EndpointKind.HUNG, EndpointKind.FAILING));
        endpoints.forEach(endpoint -> endpoint.applyKind(REPLIES));

        CompletableFuture<HttpResponse<Void>> hung = http.sendAsync(request(endpoints.get(0), "evt_x_1"),
                HttpResponse.BodyHandlers.discarding());
        int failing = post(endpoints.get(1), "evt_x_2").statusCode();

        assertThat(failing).isEqualTo(500);
        assertThat(hung).isNotDone();
        assertThat(hung.get().statusCode()).isEqualTo(200);
    }

    @Test
    void shouldMarkAProbedEndpointAndAnswerAProbeAtOnceWhateverItsScript() throws Exception {
        ReceiverEndpoint endpoint = receiver.newEndpoints(List.of(EndpointKind.FAILING)).get(0);
        endpoint.applyKind(REPLIES);

        assertThat(post(endpoint, "evt_run_scenario_p0x0").statusCode()).isEqualTo(200);
        assertThat(endpoint.probed()).isTrue();
    }

    @Test
    void shouldAnswerAThrottledEndpoint429WithItsRetryAfterAndASlowOne200AfterItsDelay() throws Exception {
        List<ReceiverEndpoint> endpoints = receiver.newEndpoints(List.of(EndpointKind.THROTTLED, EndpointKind.SLOW));
        endpoints.forEach(endpoint -> endpoint.applyKind(REPLIES));

        CompletableFuture<HttpResponse<Void>> slow = http.sendAsync(request(endpoints.get(1), "evt_x_2"),
                HttpResponse.BodyHandlers.discarding());
        HttpResponse<Void> throttled = post(endpoints.get(0), "evt_x_1");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("7");
        assertThat(slow).isNotDone();
        assertThat(slow.get().statusCode()).isEqualTo(200);
    }

    @Test
    void shouldGiveARefusedEndpointAUrlWhereTheConnectionIsRefused() {
        ReceiverEndpoint refused = receiver.newEndpoints(List.of(EndpointKind.REFUSED)).get(0);

        assertThat(URI.create(receiver.url(refused)).getPort()).isNotEqualTo(receiver.port());
        assertThatThrownBy(() -> post(refused, "evt_x_1")).isInstanceOf(java.net.ConnectException.class);
    }

    @Test
    void shouldCountAFirstArrivalBehindALaterEventOfTheSameEndpointAsOutOfOrder() throws Exception {
        ReceiverEndpoint endpoint = receiver.newEndpoints(List.of(EndpointKind.HEALTHY)).get(0);
        DeliveryTally tally = new DeliveryTally("evt_run_m2", List.of(endpoint), number -> number);
        endpoint.tally(tally);

        post(endpoint, "evt_run_m2_0");
        post(endpoint, "evt_run_m2_2");
        post(endpoint, "evt_run_m2_1");
        post(endpoint, "evt_run_m2_3");

        assertThat(tally.firstArrivals()).isEqualTo(4);
        assertThat(tally.outOfOrder()).isEqualTo(1);
    }

    @Test
    void shouldAnswer404ForAPathThatIsNoEndpoint() throws Exception {
        HttpResponse<Void> response = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + receiver.port() + "/nope"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    private HttpResponse<Void> post(ReceiverEndpoint endpoint, String eventId) throws Exception {
        return http.send(request(endpoint, eventId), HttpResponse.BodyHandlers.discarding());
    }

    private HttpRequest request(ReceiverEndpoint endpoint, String eventId) {
        String body = "{\"id\":\"" + eventId + "\",\"timestamp\":\"" + MicroClock.instant(clock.nowMicros() - 5_000) + "\"}";
        return HttpRequest.newBuilder(URI.create(receiver.url(endpoint)))
                .header("webhook-id", eventId)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }
}
