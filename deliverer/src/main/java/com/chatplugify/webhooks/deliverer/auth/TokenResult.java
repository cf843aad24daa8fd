package com.chatplugify.webhooks.deliverer.auth;

import com.chatplugify.webhooks.deliverer.http.HttpAttempt;

/** What asking for a webhook's OAuth 2.0 token gave. */
public sealed interface TokenResult {

    /** A token to send. */
    record Issued(BearerToken token) implements TokenResult {
    }

    /**
     * No token: the attempt ends as {@code attempt} says, its error saying why (a failure to retry, or a refusal when the
     * token URL is not one the deliverer sends to).
     */
    record Failed(HttpAttempt attempt) implements TokenResult {
    }
}
