package com.chatplugify.webhooks.ingest.testing;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.Test;

/** The check every API test's exchanges go through fails on what does not conform to the document. */
class OpenApiContractTest {

    private static final String EVENT = "{\"event\":\"task.created\",\"workspaceId\":\"ws_1\",\"data\":{}}";
    private final OpenApiContract contract = OpenApiContract.shared();

    @Test
    void shouldPassAConformingExchange() {
        assertThatCode(() -> contract.check(post("/v1/events", EVENT), bytes(EVENT),
                answer(202, "{\"id\":\"evt_1\"}"))).doesNotThrowAnyException();
    }

    @Test
    void shouldFailAnAnswerThatDoesNotConform() {
        assertThatThrownBy(() -> contract.check(post("/v1/events", EVENT), bytes(EVENT),
                answer(202, "{\"ids\":5}"))).isInstanceOf(AssertionError.class).hasMessageContaining("does not conform");
        assertThatThrownBy(() -> contract.check(post("/v1/events", EVENT), bytes(EVENT),
                answer(400, "{\"problem\":\"x\"}"))).isInstanceOf(AssertionError.class);
    }

    @Test
    void shouldFailAnAcceptedRequestThatDoesNotConform() {
        String unknownField = "{\"event\":\"task.created\",\"workspaceId\":\"ws_1\",\"data\":{},\"extra\":1}";

        assertThatThrownBy(() -> contract.check(post("/v1/events", unknownField), bytes(unknownField),
                answer(202, "{\"id\":\"evt_1\"}"))).isInstanceOf(AssertionError.class)
                .hasMessageContaining("does not conform");
    }

    @Test
    void shouldFailARouteThatIsNotDescribedUnlessTheApiRefusedItAsUnknown() {
        assertThatThrownBy(() -> contract.check(post("/v1/undescribed", EVENT), bytes(EVENT),
                answer(200, "{}"))).isInstanceOf(AssertionError.class).hasMessageContaining("is not described");
        assertThatCode(() -> contract.check(post("/v1/undescribed", EVENT), bytes(EVENT),
                answer(404, "{\"error\":\"not_found\",\"detail\":\"x\"}"))).doesNotThrowAnyException();
    }

    private static HttpRequest post(String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:1" + path))
                .header("Content-Type", "application/json").header("Authorization", "Bearer t")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }

    private static byte[] bytes(String body) {
        return body.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> answer(int status, String body) {
        return new HttpResponse<>() {
            @Override
            public int statusCode() {
                return status;
            }

            @Override
            public HttpRequest request() {
                return null;
            }

            @Override
            public Optional<HttpResponse<String>> previousResponse() {
                return Optional.empty();
            }

            @Override
            public HttpHeaders headers() {
                return HttpHeaders.of(Map.of("Content-Type", List.of("application/json")), (name, value) -> true);
            }

            @Override
            public String body() {
                return body;
            }

            @Override
            public Optional<SSLSession> sslSession() {
                return Optional.empty();
            }

            @Override
            public URI uri() {
                return URI.create("http://127.0.0.1:1");
            }

            @Override
            public HttpClient.Version version() {
                return HttpClient.Version.HTTP_1_1;
            }
        };
    }
}
