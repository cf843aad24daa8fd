package com.chatplugify.webhooks.deliverer.auth;

import com.chatplugify.webhooks.common.model.OAuth2ClientAuthentication;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Redaction;
import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import com.chatplugify.webhooks.deliverer.http.ClientIdentity;
import com.chatplugify.webhooks.deliverer.http.Deadline;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import com.chatplugify.webhooks.deliverer.http.OutboundRequest;
import com.chatplugify.webhooks.deliverer.http.WebhookHttpClient;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.apache.hc.core5.http.ContentType;

/**
 * Asks a webhook's authorization server for an access token with the client credentials grant (RFC 6749, section
 * 4.4), through the deliverer's HTTP client: the token URL gets what an endpoint gets (https unless
 * {@code delivery.allow-http}, the address guard, the egress proxy, the webhook's client certificate when the server
 * asks for one, a bounded answer) and the request ends within {@code delivery.timeout}.
 */
public final class OAuth2TokenClient {

    /** Without the charset parameter httpcore's constant carries: the body is percent-encoded ASCII. */
    private static final ContentType FORM = ContentType.create("application/x-www-form-urlencoded");

    private final WebhookHttpClient http;
    private final WebhookUrlPolicy urls;
    private final Duration timeout;
    private final Clock clock;
    private final Consumer<String> counted;

    /**
     * @param urls    which token URLs may be called: those webhooks' endpoints may have
     * @param counted told each request's outcome: {@code issued}, {@code failed} or {@code refused}
     */
    public OAuth2TokenClient(WebhookHttpClient http, WebhookUrlPolicy urls, Duration timeout, Clock clock,
                             Consumer<String> counted) {
        this.http = http;
        this.urls = urls;
        this.timeout = timeout;
        this.clock = clock;
        this.counted = counted;
    }

    /**
     * A new token for webhook {@code webhookId}'s {@code credentials}; completes, never exceptionally, within
     * {@code delivery.timeout}.
     */
    public CompletableFuture<TokenResult> fetch(String webhookId, OAuth2ClientCredentials credentials,
                                                ClientIdentity identity) {
        String where = Redaction.origin(credentials.tokenUrl());
        URI url;
        Optional<String> refusal;
        try {
            url = new URI(credentials.tokenUrl());
            refusal = urls.refusal(url);
        } catch (URISyntaxException e) {
            url = null;
            refusal = Optional.of("invalid URL: " + e.getMessage());
        }
        if (refusal.isPresent()) {
            counted.accept("refused");
            return CompletableFuture.completedFuture(new TokenResult.Failed(HttpAttempt.refused(
                    "OAuth 2.0 token URL " + where + ": " + refusal.get(), Duration.ZERO)));
        }
        Map<String, String> form = new LinkedHashMap<>();
        form.put("grant_type", "client_credentials");
        if (credentials.scope() != null) {
            form.put("scope", credentials.scope());
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Accept", "application/json");
        if (credentials.clientAuthentication() == OAuth2ClientAuthentication.CLIENT_SECRET_POST) {
            form.put("client_id", credentials.clientId());
            form.put("client_secret", credentials.clientSecret());
        } else {
            // RFC 6749, section 2.3.1: the id and secret are form-encoded before they are joined and base64-encoded.
            headers.put("Authorization", "Basic " + Base64.getEncoder().encodeToString((encode(credentials.clientId())
                    + ":" + encode(credentials.clientSecret())).getBytes(StandardCharsets.UTF_8)));
        }
        OutboundRequest request = new OutboundRequest(webhookId, url, headers, formBody(form), FORM, identity);
        return http.send(request, Deadline.in(timeout)).thenApply(answer -> {
            TokenResult result = TokenResponses.read(answer, where, clock.instant());
            counted.accept(result instanceof TokenResult.Issued ? "issued"
                    : ((TokenResult.Failed) result).attempt().refused() ? "refused" : "failed");
            return result;
        });
    }

    private static byte[] formBody(Map<String, String> form) {
        StringBuilder body = new StringBuilder();
        form.forEach((name, value) -> body.append(body.length() == 0 ? "" : "&").append(encode(name)).append('=')
                .append(encode(value)));
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
