package com.chatplugify.webhooks.common.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * How a webhook's deliveries get the bearer token its endpoint requires: the OAuth 2.0 client credentials grant
 * (RFC 6749, section 4.4) at {@code tokenUrl}. The client secret is stored encrypted like every secret of a webhook,
 * and the API never returns it.
 *
 * @param scope                what to ask for, space-separated; null to leave it to the authorization server
 * @param clientAuthentication how the client id and secret are sent to the token endpoint
 */
@JsonPropertyOrder({"tokenUrl", "clientId", "clientSecret", "scope", "clientAuthentication"})
public record OAuth2ClientCredentials(
        String tokenUrl,
        String clientId,
        String clientSecret,
        @JsonInclude(JsonInclude.Include.NON_NULL) String scope,
        OAuth2ClientAuthentication clientAuthentication) {

    public OAuth2ClientCredentials {
        clientAuthentication = clientAuthentication == null ? OAuth2ClientAuthentication.CLIENT_SECRET_BASIC
                : clientAuthentication;
    }

    /** These credentials with another value of the client secret (as the subscriptions codec encrypts or decrypts it). */
    public OAuth2ClientCredentials withClientSecret(String value) {
        return new OAuth2ClientCredentials(tokenUrl, clientId, value, scope, clientAuthentication);
    }

    /** Never the client secret, nor the token URL's path and query. */
    @Override
    public String toString() {
        return "OAuth2ClientCredentials[tokenUrl=" + Redaction.origin(tokenUrl) + ", clientId=" + clientId
                + ", clientSecret=" + Redaction.mask(clientSecret) + ", scope=" + scope + ", clientAuthentication="
                + clientAuthentication + "]";
    }
}
