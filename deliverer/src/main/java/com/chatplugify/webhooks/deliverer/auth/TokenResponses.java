package com.chatplugify.webhooks.deliverer.auth;

import com.chatplugify.webhooks.common.json.Json;
import com.chatplugify.webhooks.deliverer.http.BoundedResponseConsumer;
import com.chatplugify.webhooks.deliverer.http.HttpAttempt;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;

/**
 * Reads a token endpoint's answer to a client credentials request (RFC 6749, sections 5.1 and 5.2): a token, or a
 * failure whose reason says what the endpoint said. Reasons never quote a token.
 */
final class TokenResponses {

    /** How long a token whose answer says nothing of its lifetime is used (unless a 401 says otherwise earlier). */
    static final Duration UNSTATED_LIFETIME = Duration.ofHours(1);
    /** A token is replaced this long before it expires, or a tenth of its lifetime before when that is shorter. */
    static final Duration REFRESH_AHEAD = Duration.ofSeconds(60);
    private static final int MAX_DESCRIPTION = 200;
    /** What a header value can carry: visible ASCII, no spaces (RFC 6750's b64token is narrower still). */
    private static final Pattern TOKEN = Pattern.compile("[\\x21-\\x7e]+");

    private TokenResponses() {
    }

    /**
     * The token in {@code answer}, or why there is none.
     *
     * @param where the token endpoint, as reasons name it
     */
    static TokenResult read(HttpAttempt answer, String where, Instant now) {
        String prefix = "OAuth 2.0 token request to " + where + ": ";
        if (!answer.responded()) {
            return new TokenResult.Failed(answer.refused()
                    ? HttpAttempt.refused(prefix + answer.error(), answer.latency())
                    : HttpAttempt.failed(prefix + answer.error(), answer.latency()));
        }
        JsonNode json = json(answer.body());
        int status = answer.status();
        if (status < 200 || status >= 300) {
            return failed(prefix + "HTTP " + status + oauthError(json), answer);
        }
        if (json == null || !json.isObject()) {
            return failed(prefix + (answer.body().length >= BoundedResponseConsumer.MAX_BODY_BYTES
                    ? "the answer is longer than " + BoundedResponseConsumer.MAX_BODY_BYTES / 1024 + " KiB"
                    : "the answer is not a JSON object"), answer);
        }
        JsonNode token = json.get("access_token");
        if (token == null || !token.isTextual() || !TOKEN.matcher(token.textValue()).matches()) {
            return failed(prefix + "the answer has no access_token a header can carry", answer);
        }
        JsonNode type = json.get("token_type");
        if (type != null && !(type.isTextual() && type.textValue().equalsIgnoreCase("Bearer"))) {
            return failed(prefix + "token_type " + printable(type.asText()) + " is not supported; only Bearer is",
                    answer);
        }
        Duration lifetime = lifetime(json.get("expires_in"));
        if (lifetime == null) {
            return failed(prefix + "expires_in is not a number of seconds", answer);
        }
        Duration ahead = lifetime.dividedBy(10).compareTo(REFRESH_AHEAD) < 0 ? lifetime.dividedBy(10) : REFRESH_AHEAD;
        return new TokenResult.Issued(new BearerToken(token.textValue(), now.plus(lifetime).minus(ahead)));
    }

    /** {@code expires_in}: absent, a number, or (as some servers send it) a numeric string; null when none of those. */
    private static Duration lifetime(JsonNode expiresIn) {
        if (expiresIn == null || expiresIn.isNull()) {
            return UNSTATED_LIFETIME;
        }
        long seconds;
        if (expiresIn.isNumber()) {
            seconds = expiresIn.asLong();
        } else if (expiresIn.isTextual() && expiresIn.textValue().matches("-?[0-9]{1,12}")) {
            seconds = Long.parseLong(expiresIn.textValue());
        } else {
            return null;
        }
        return Duration.ofSeconds(Math.max(0, seconds));
    }

    /** The endpoint's {@code error} and {@code error_description}, when it sent them. */
    private static String oauthError(JsonNode json) {
        if (json == null || !json.isObject() || !json.path("error").isTextual()) {
            return "";
        }
        String description = json.path("error_description").isTextual()
                ? " (" + printable(json.get("error_description").textValue()) + ")" : "";
        return " " + printable(json.get("error").textValue()) + description;
    }

    private static TokenResult failed(String reason, HttpAttempt answer) {
        return new TokenResult.Failed(HttpAttempt.failed(reason, answer.latency()));
    }

    private static JsonNode json(byte[] body) {
        try {
            return body.length == 0 ? null : Json.mapper().readTree(body);
        } catch (IOException e) {
            return null;
        }
    }

    /** Printable ASCII only, cut short: what the endpoint sent is shown, never trusted. */
    private static String printable(String text) {
        String kept = text.replaceAll("[^\\x20-\\x7e]", "?");
        return kept.length() > MAX_DESCRIPTION ? kept.substring(0, MAX_DESCRIPTION) + "..." : kept;
    }
}
