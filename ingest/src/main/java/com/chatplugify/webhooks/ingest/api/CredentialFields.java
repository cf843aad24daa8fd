package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.OAuth2ClientAuthentication;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Redaction;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.tls.ClientCertificates;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A webhook's connectivity fields as a write sends them, validated: {@code clientCertificate} (mutual TLS) and
 * {@code oauth2} (client credentials). A secret part sent as the mask ({@value Redaction#MASK}, as every answer shows
 * it) keeps the current value: whether the webhook has one, and whether the certificate and key then still fit, is
 * decided by the subscriptions' owner when it applies the write.
 */
final class CredentialFields {

    static final String CLIENT_CERTIFICATE = "clientCertificate";
    static final String OAUTH2 = "oauth2";
    static final int MAX_CLIENT_ID_LENGTH = 256;
    static final int MAX_CLIENT_SECRET_LENGTH = 1024;
    static final int MAX_SCOPE_LENGTH = 1024;
    private static final KnownFields CERTIFICATE_FIELDS = KnownFields.of(Set.of("certificate", "privateKey"));
    private static final KnownFields OAUTH2_FIELDS = KnownFields.of(Set.of("tokenUrl", "clientId", "clientSecret",
            "scope", "clientAuthentication"));
    /** RFC 6749, appendix A: a client id or secret is visible ASCII and spaces. */
    private static final Pattern VSCHAR = Pattern.compile("[\\x20-\\x7e]+");
    /** RFC 6749, section 3.3: scope tokens of NQCHAR, separated by single spaces. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5b\\x5d-\\x7e]+( [\\x21\\x23-\\x5b\\x5d-\\x7e]+)*");

    private CredentialFields() {
    }

    /** The {@code clientCertificate} of {@code body}, or null when absent; checked unless a part is the mask. */
    static ClientCertificate clientCertificate(JsonNode body, Instant now, List<Violation> violations) {
        JsonNode object = object(body, CLIENT_CERTIFICATE, "{\"certificate\": \"<PEM>\", \"privateKey\": \"<PEM>\"}",
                violations);
        if (object == null) {
            return null;
        }
        int before = violations.size();
        violations.addAll(CERTIFICATE_FIELDS.unknownIn(object, CLIENT_CERTIFICATE));
        String certificate = WebhookRequest.text(object, CLIENT_CERTIFICATE, "certificate", true, violations);
        String privateKey = WebhookRequest.text(object, CLIENT_CERTIFICATE, "privateKey", true, violations);
        if (violations.size() > before) {
            return null;
        }
        ClientCertificate given = new ClientCertificate(certificate, privateKey);
        if (!Redaction.MASK.equals(certificate) && !Redaction.MASK.equals(privateKey)) {
            violations.addAll(ClientCertificates.read(given, now).violations());
        }
        return given;
    }

    /** The {@code oauth2} of {@code body}, or null when absent. */
    static OAuth2ClientCredentials oauth2(JsonNode body, WebhookRules rules, List<Violation> violations) {
        JsonNode object = object(body, OAUTH2, "{\"tokenUrl\": \"https://...\", \"clientId\": \"...\", "
                + "\"clientSecret\": \"...\", \"scope\"?: \"...\"}", violations);
        if (object == null) {
            return null;
        }
        int before = violations.size();
        violations.addAll(OAUTH2_FIELDS.unknownIn(object, OAUTH2));
        String tokenUrl = WebhookRequest.text(object, OAUTH2, "tokenUrl", true, violations);
        if (tokenUrl != null) {
            WebhookRequest.checkUrl(tokenUrl, "oauth2.tokenUrl", rules, violations);
            if (tokenUrl.contains("#")) {
                violations.add(new Violation(Violation.INVALID_VALUE, "oauth2.tokenUrl",
                        "a token URL has no fragment (RFC 6749, section 3.2)"));
            }
        }
        String clientId = visible(object, "clientId", MAX_CLIENT_ID_LENGTH, violations);
        String clientSecret = visible(object, "clientSecret", MAX_CLIENT_SECRET_LENGTH, violations);
        String scope = WebhookRequest.text(object, OAUTH2, "scope", false, violations);
        if (scope != null && (scope.length() > MAX_SCOPE_LENGTH || !SCOPE.matcher(scope).matches())) {
            violations.add(new Violation(Violation.INVALID_VALUE, "oauth2.scope", "a scope is up to "
                    + MAX_SCOPE_LENGTH + " characters: names of visible ASCII characters other than \" and \\, "
                    + "separated by single spaces (RFC 6749, section 3.3)"));
        }
        OAuth2ClientAuthentication authentication = WebhookRequest.choice(object, OAUTH2, "clientAuthentication",
                OAuth2ClientAuthentication.CLIENT_SECRET_BASIC, OAuth2ClientAuthentication::of,
                "'client_secret_basic' or 'client_secret_post'", violations);
        return violations.size() > before ? null
                : new OAuth2ClientCredentials(tokenUrl, clientId, clientSecret, scope, authentication);
    }

    /** A required string of {@code oauth2} that an HTTP request can carry as it is. */
    private static String visible(JsonNode object, String name, int maxLength, List<Violation> violations) {
        String value = WebhookRequest.text(object, OAUTH2, name, true, violations);
        if (value != null && (value.length() > maxLength || !VSCHAR.matcher(value).matches())) {
            // Never quoted: it may be the client secret.
            violations.add(new Violation(Violation.INVALID_VALUE, OAUTH2 + "." + name, "'" + OAUTH2 + "." + name
                    + "' is 1 to " + maxLength + " visible ASCII characters or spaces"));
            return null;
        }
        return value;
    }

    /** The object {@code name} of {@code body}; null (with a violation unless it is absent) when it is not one. */
    private static JsonNode object(JsonNode body, String name, String shape, List<Violation> violations) {
        JsonNode value = body.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isObject()) {
            violations.add(new Violation(Violation.WRONG_TYPE, name, "'" + name + "' is an object: " + shape
                    + ", or null for none"));
            return null;
        }
        return value;
    }
}
