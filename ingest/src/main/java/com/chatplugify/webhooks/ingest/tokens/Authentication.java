package com.chatplugify.webhooks.ingest.tokens;

import java.time.Duration;
import java.time.Instant;

/** What a presented workspace token turned out to be. */
public sealed interface Authentication {

    /** A live token. */
    record Valid(ApiToken token) implements Authentication {
    }

    /** No token has this secret (never issued, or revoked). */
    record Unknown() implements Authentication {
    }

    record Expired(Instant at) implements Authentication {
    }

    /**
     * This instance cannot tell: its view of the tokens has not been confirmed current for {@code staleness}, longer
     * than revocations are promised to take, so even a known token is refused until it is.
     */
    record ViewBehind(Duration staleness) implements Authentication {
    }
}
