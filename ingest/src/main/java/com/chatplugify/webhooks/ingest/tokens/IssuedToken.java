package com.chatplugify.webhooks.ingest.tokens;

/** A token just issued, with its secret: shown this once, and stored nowhere but as a hash. */
public record IssuedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[token=" + token + ", secret=" + TokenSecret.PREFIX + "...]";
    }
}
