package com.chatplugify.webhooks.deliverer.auth;

import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.deliverer.http.ClientIdentity;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each webhook's OAuth 2.0 token, kept until shortly before it expires: attempts share it, and when there is none,
 * the one request for it in flight, so that a burst of deliveries never sends a burst of token requests. A token is
 * kept for the credentials (and client certificate) it was issued for: when they change, a new one is asked for. A
 * failed request keeps nothing: the next attempt asks again.
 */
public final class OAuth2Tokens {

    /**
     * What is kept for a webhook: a token, or the request for one in flight.
     *
     * @param credentials the fingerprint of what the token is for
     */
    private record Kept(String credentials, BearerToken token, CompletableFuture<TokenResult> pending) {
    }

    private final OAuth2TokenClient client;
    private final Clock clock;
    private final ConcurrentHashMap<String, Kept> byWebhook = new ConcurrentHashMap<>();

    public OAuth2Tokens(OAuth2TokenClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    /** Webhook {@code webhookId}'s token: the one kept, the one being asked for, or a new request's. */
    public CompletableFuture<TokenResult> token(String webhookId, OAuth2ClientCredentials credentials,
                                                ClientIdentity identity) {
        String fingerprint = fingerprint(credentials, identity);
        CompletableFuture<TokenResult> request = new CompletableFuture<>();
        Kept kept = byWebhook.compute(webhookId, (id, current) -> {
            if (current != null && current.credentials().equals(fingerprint)
                    && (current.pending() != null || current.token().usableAt(clock.instant()))) {
                return current;
            }
            return new Kept(fingerprint, null, request);
        });
        if (kept.pending() == request) {
            client.fetch(webhookId, credentials, identity).whenComplete((result, e) -> {
                // The client's future completes normally; an exception here is a bug, reported as the attempt's error.
                TokenResult settled = result != null ? result : new TokenResult.Failed(
                        HttpAttempt.failed("OAuth 2.0 token request failed: " + e, Duration.ZERO));
                byWebhook.computeIfPresent(webhookId, (id, current) -> current.pending() != request ? current
                        : settled instanceof TokenResult.Issued issued
                        ? new Kept(fingerprint, issued.token(), null) : null);
                request.complete(settled);
            });
        }
        return kept.token() != null ? CompletableFuture.completedFuture(new TokenResult.Issued(kept.token()))
                : kept.pending();
    }

    /**
     * Forgets {@code rejected}, which the endpoint answered 401 to, unless another token replaced it meanwhile: of
     * several attempts that got a 401 with it, only the first causes a new request.
     */
    public void rejected(String webhookId, BearerToken rejected) {
        byWebhook.computeIfPresent(webhookId, (id, current) -> rejected.equals(current.token()) ? null : current);
    }

    /** Forgets the tokens no longer usable, of webhooks that may be gone. */
    public void evictExpired() {
        byWebhook.values().removeIf(kept -> kept.token() != null && !kept.token().usableAt(clock.instant()));
    }

    private static String fingerprint(OAuth2ClientCredentials credentials, ClientIdentity identity) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {credentials.tokenUrl(), credentials.clientId(), credentials.clientSecret(),
                    credentials.scope(), credentials.clientAuthentication().code(),
                    identity == null ? null : identity.fingerprint()}) {
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
                digest.update((byte) 0);
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
