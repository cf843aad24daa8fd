package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Redaction;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.secrets.SecretCipher;
import com.chatplugify.webhooks.ingest.webhooks.SecretRotation;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How the API shows a webhook. Custom header values are masked ({@value Redaction#MASK}) and revealed only by
 * {@code GET /v1/webhooks/{id}/headers}; the secret appears only where asked for: on creation, on rotation, and from
 * {@code GET /v1/webhooks/{id}/secret}; retiring secrets never appear, only when they stop signing
 * ({@code retiringSecretsExpireAt}: in the answer to a rotation, and in every answer while one still signs). The client
 * certificate, its key and the OAuth 2.0 client secret never appear: they are masked, so that a webhook read and sent
 * back keeps them.
 */
final class WebhookJson {

    private WebhookJson() {
    }

    /** @param now when the answer is given: retiring secrets still signing then are shown by when they stop */
    static Map<String, Object> of(Subscription subscription, boolean withSecret, Instant now) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", subscription.id());
        json.put("workspaceId", subscription.workspaceId());
        json.put("url", subscription.url());
        json.put("events", subscription.events());
        json.put("headers", Redaction.names(subscription.headers()));
        if (withSecret) {
            json.put("secret", secret(subscription));
        }
        json.put("enabled", subscription.enabled());
        json.put("description", subscription.description());
        json.put("rateLimitPerSecond", subscription.rateLimitPerSecond());
        json.put("ordering", subscription.ordering().code());
        json.put("onFailure", subscription.onFailure().code());
        json.put("clientCertificate", clientCertificate(subscription.clientCertificate()));
        json.put("oauth2", oauth2(subscription.oauth2()));
        json.put("createdAt", subscription.createdAt());
        json.put("updatedAt", subscription.updatedAt());
        json.put("version", subscription.version());
        json.put("disabledReason", subscription.disabledReason());
        List<Instant> retiring = retiringSecretsExpireAt(subscription, now);
        if (!retiring.isEmpty()) {
            json.put("retiringSecretsExpireAt", retiring);
        }
        return json;
    }

    /** The signing secret, readable. */
    static String secret(Subscription subscription) {
        return readable(subscription.secret(), "signing secret");
    }

    private static Map<String, Object> clientCertificate(ClientCertificate certificate) {
        if (certificate == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("certificate", Redaction.MASK);
        json.put("privateKey", Redaction.MASK);
        return json;
    }

    private static Map<String, Object> oauth2(OAuth2ClientCredentials oauth2) {
        if (oauth2 == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("tokenUrl", oauth2.tokenUrl());
        json.put("clientId", oauth2.clientId());
        json.put("clientSecret", Redaction.MASK);
        json.put("scope", oauth2.scope());
        json.put("clientAuthentication", oauth2.clientAuthentication().code());
        return json;
    }

    /** The webhook after a rotation: its new secret, and until when each replaced one keeps signing. */
    static Map<String, Object> withRotation(Subscription subscription) {
        Map<String, Object> json = of(subscription, true, subscription.updatedAt());
        json.put("retiringSecretsExpireAt", retiringSecretsExpireAt(subscription, subscription.updatedAt()));
        return json;
    }

    private static List<Instant> retiringSecretsExpireAt(Subscription subscription, Instant now) {
        return SecretRotation.unexpired(subscription.retiringSecrets(), now).stream()
                .map(Subscription.RetiringSecret::expiresAt).toList();
    }

    /** The header values, revealed. */
    static Map<String, Object> headers(Subscription subscription) {
        Map<String, String> values = new LinkedHashMap<>();
        subscription.headers().forEach((name, value) -> values.put(name, readable(value, "header values")));
        return Map.of("headers", values);
    }

    private static String readable(String value, String what) {
        if (SecretCipher.isSealed(value)) {
            throw new ApiException(500, "secrets_unreadable", "this webhook's " + what + " cannot be decrypted: they "
                    + "were encrypted with a key this server's secrets.key and secrets.previous-keys do not hold");
        }
        return value;
    }
}
