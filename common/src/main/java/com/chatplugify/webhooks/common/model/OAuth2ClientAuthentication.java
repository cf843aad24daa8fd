package com.chatplugify.webhooks.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * How a client authenticates to an OAuth 2.0 token endpoint, by the names of RFC 7591's
 * {@code token_endpoint_auth_method}: the {@code clientAuthentication} field of a webhook's {@code oauth2}.
 */
public enum OAuth2ClientAuthentication {

    /** HTTP Basic authentication with the client id and secret, which every authorization server supports (the default). */
    CLIENT_SECRET_BASIC,
    /** {@code client_id} and {@code client_secret} in the form body of the token request. */
    CLIENT_SECRET_POST;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The method a field value names, or null when it names none. */
    @JsonCreator
    public static OAuth2ClientAuthentication of(String code) {
        for (OAuth2ClientAuthentication method : values()) {
            if (method.code().equals(code)) {
                return method;
            }
        }
        return null;
    }
}
