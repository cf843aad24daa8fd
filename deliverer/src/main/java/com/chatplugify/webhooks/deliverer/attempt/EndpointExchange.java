package com.chatplugify.webhooks.deliverer.attempt;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.auth.BearerToken;
import com.chatplugify.webhooks.deliverer.auth.OAuth2Tokens;
import com.chatplugify.webhooks.deliverer.auth.TokenResult;
import com.chatplugify.webhooks.deliverer.http.ClientIdentities;
import com.chatplugify.webhooks.deliverer.http.ClientIdentity;
import com.chatplugify.webhooks.deliverer.http.Deadline;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import com.chatplugify.webhooks.deliverer.http.OutboundRequest;
import com.chatplugify.webhooks.deliverer.http.WebhookHttpClient;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * One attempt's exchange with a webhook's endpoint, with the connectivity the webhook asks for: its client certificate
 * presented (mutual TLS), and its OAuth 2.0 token sent as {@code Authorization: Bearer}, fetched when there is no
 * usable one and fetched again once when the endpoint answers 401 to it. Everything, the token's fetch included, ends
 * within the attempt's {@code delivery.timeout}; a token that cannot be had fails the attempt with the reason.
 */
public final class EndpointExchange {

    private final WebhookHttpClient client;
    private final ClientIdentities identities;
    private final OAuth2Tokens tokens;
    private final Duration timeout;

    public EndpointExchange(WebhookHttpClient client, ClientIdentities identities, OAuth2Tokens tokens,
                            Duration timeout) {
        this.client = client;
        this.identities = identities;
        this.tokens = tokens;
        this.timeout = timeout;
    }

    /** POSTs {@code body} to {@code url} for {@code webhook}; completes, never exceptionally, within the timeout. */
    public CompletableFuture<HttpAttempt> post(Subscription webhook, URI url, Map<String, String> headers, byte[] body) {
        Deadline deadline = Deadline.in(timeout);
        ClientIdentity identity = null;
        if (webhook.clientCertificate() != null) {
            ClientIdentities.Lookup lookup = identities.of(webhook.id(), webhook.clientCertificate());
            if (lookup.problem() != null) {
                return CompletableFuture.completedFuture(HttpAttempt.refused(
                        lookup.problem() + "; correct it, then replay", Duration.ZERO));
            }
            identity = lookup.identity();
        }
        if (webhook.oauth2() == null) {
            return client.send(OutboundRequest.json(webhook.id(), url, headers, body, identity), deadline);
        }
        return authorized(webhook, OutboundRequest.json(webhook.id(), url, headers, body, identity), deadline, true);
    }

    private CompletableFuture<HttpAttempt> authorized(Subscription webhook, OutboundRequest request, Deadline deadline,
                                                      boolean mayRefresh) {
        return within(tokens.token(webhook.id(), webhook.oauth2(), request.identity()), deadline).thenCompose(result -> {
            if (result instanceof TokenResult.Failed failed) {
                // The token request's outcome stands for the attempt, but the endpoint was never asked.
                return CompletableFuture.completedFuture(failed.attempt().unsent());
            }
            BearerToken token = ((TokenResult.Issued) result).token();
            return client.send(bearing(request, token), deadline).thenCompose(answer -> {
                if (answer.status() == 401 && mayRefresh) {
                    tokens.rejected(webhook.id(), token);
                    return authorized(webhook, request, deadline, false);
                }
                return CompletableFuture.completedFuture(answer);
            });
        });
    }

    /** {@code token}, or a failure once the deadline passes: a fetch shared with other attempts may outlast this one. */
    private static CompletableFuture<TokenResult> within(CompletableFuture<TokenResult> token, Deadline deadline) {
        CompletableFuture<TokenResult> mine = new CompletableFuture<>();
        token.whenComplete((result, e) -> mine.complete(result != null ? result
                : new TokenResult.Failed(HttpAttempt.failed("OAuth 2.0 token: " + e, Duration.ZERO))));
        return mine.completeOnTimeout(new TokenResult.Failed(HttpAttempt.failed(deadline.timedOut()
                + " waiting for the OAuth 2.0 token", deadline.budget())), deadline.remaining().toNanos(),
                TimeUnit.NANOSECONDS);
    }

    private static OutboundRequest bearing(OutboundRequest request, BearerToken token) {
        Map<String, String> headers = new LinkedHashMap<>(request.headers());
        headers.keySet().removeIf(name -> name.equalsIgnoreCase("Authorization"));
        headers.put("Authorization", "Bearer " + token.value());
        return new OutboundRequest(request.webhookId(), request.url(), headers, request.body(), request.contentType(),
                request.identity());
    }
}
