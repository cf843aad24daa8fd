package com.chatplugify.webhooks.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A webhook subscription as kept in the compacted {@code chatplugify.subscriptions} topic, key = {@code id}.
 *
 * @param events             exact types, {@code family.*} or {@code *}
 * @param headers            sent with every delivery, e.g. the customer's {@code Authorization}
 * @param secret             {@code whsec_} + base64 key that signs deliveries
 * @param retiringSecrets    earlier secrets that still sign beside {@code secret} until they expire
 * @param rateLimitPerSecond at most this many attempts a second to the endpoint; null for no limit
 * @param version            1 at creation, one more at every change the subscriptions' owner applies (0 on records
 *                           written before versions existed); the API's {@code ETag}
 * @param disabledReason     why the platform disabled the webhook (e.g. {@code endpoint_gone}); null while enabled or
 *                           when it was disabled through the API
 * @param ordering           whether deliveries arrive in publish order (FIFO) or as soon as they can
 * @param onFailure          for a FIFO webhook, what ends a delivery that keeps failing
 * @param clientCertificate  the client certificate deliveries present (mutual TLS); null for none
 * @param oauth2             where and how deliveries get the bearer token they are sent with; null for none
 */
@JsonPropertyOrder({"id", "workspaceId", "url", "events", "headers", "secret", "enabled", "description",
        "rateLimitPerSecond", "ordering", "onFailure", "clientCertificate", "oauth2", "createdAt", "updatedAt", "version",
        "disabledReason", "retiringSecrets"})
public record Subscription(
        String id,
        String workspaceId,
        String url,
        List<String> events,
        Map<String, String> headers,
        String secret,
        boolean enabled,
        String description,
        Integer rateLimitPerSecond,
        Instant createdAt,
        Instant updatedAt,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<RetiringSecret> retiringSecrets,
        long version,
        @JsonInclude(JsonInclude.Include.NON_NULL) String disabledReason,
        Ordering ordering,
        FifoFailure onFailure,
        @JsonInclude(JsonInclude.Include.NON_NULL) ClientCertificate clientCertificate,
        @JsonInclude(JsonInclude.Include.NON_NULL) OAuth2ClientCredentials oauth2) {

    public Subscription {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(workspaceId, "workspaceId");
        Objects.requireNonNull(url, "url");
        events = events == null ? List.of() : List.copyOf(events);
        headers = headers == null ? Map.of() : Map.copyOf(headers);
        retiringSecrets = retiringSecrets == null ? List.of() : List.copyOf(retiringSecrets);
        ordering = ordering == null ? Ordering.UNORDERED : ordering;
        onFailure = onFailure == null ? FifoFailure.DEAD_LETTER : onFailure;
    }

    /** Whether its deliveries arrive in publish order, one at a time. */
    public boolean fifo() {
        return ordering == Ordering.FIFO;
    }

    /** Whether this subscription wants events of that type. */
    public boolean wants(String eventType) {
        return EventFilter.matches(events, eventType);
    }

    /** This webhook disabled by the platform for {@code reason}: the next version, as of {@code now}. */
    public Subscription disabled(String reason, Instant now) {
        return new Subscription(id, workspaceId, url, events, headers, secret, false, description,
                rateLimitPerSecond, createdAt, now, retiringSecrets, version + 1, reason, ordering, onFailure,
                clientCertificate, oauth2);
    }

    /**
     * This subscription with other values of its secrets (as the subscriptions codec encrypts or decrypts them);
     * everything else as it is.
     */
    public Subscription withSecretValues(String secret, Map<String, String> headers, List<RetiringSecret> retiringSecrets,
                                         ClientCertificate clientCertificate, OAuth2ClientCredentials oauth2) {
        return new Subscription(id, workspaceId, url, events, headers, secret, enabled, description,
                rateLimitPerSecond, createdAt, updatedAt, retiringSecrets, version, disabledReason, ordering, onFailure,
                clientCertificate, oauth2);
    }

    /** The secrets that sign an attempt made at {@code now}: the current one first, then those not yet expired. */
    public List<String> signingSecrets(Instant now) {
        if (retiringSecrets.isEmpty()) {
            return List.of(secret);
        }
        java.util.ArrayList<String> secrets = new java.util.ArrayList<>();
        secrets.add(secret);
        for (RetiringSecret retiring : retiringSecrets) {
            if (retiring.expiresAt().isAfter(now)) {
                secrets.add(retiring.secret());
            }
        }
        return List.copyOf(secrets);
    }

    /** Never a secret, a header value, a client certificate or the URL's path and query, which may hold a token. */
    @Override
    public String toString() {
        return "Subscription[id=" + id + ", workspaceId=" + workspaceId + ", url=" + Redaction.origin(url)
                + ", events=" + events + ", headers=" + Redaction.names(headers) + ", secret=" + Redaction.mask(secret)
                + ", enabled=" + enabled + ", description=" + description + ", rateLimitPerSecond=" + rateLimitPerSecond
                + ", ordering=" + ordering + ", onFailure=" + onFailure + ", clientCertificate=" + clientCertificate
                + ", oauth2=" + oauth2 + ", createdAt=" + createdAt + ", updatedAt=" + updatedAt + ", version=" + version
                + ", disabledReason=" + disabledReason + ", retiringSecrets=" + retiringSecrets + "]";
    }

    /** A replaced secret that keeps signing until {@code expiresAt}, so receivers can roll over. */
    public record RetiringSecret(String secret, Instant expiresAt) {

        @Override
        public String toString() {
            return "RetiringSecret[secret=" + Redaction.mask(secret) + ", expiresAt=" + expiresAt + "]";
        }
    }
}
