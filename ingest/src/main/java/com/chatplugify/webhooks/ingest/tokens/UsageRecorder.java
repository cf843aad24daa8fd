package com.chatplugify.webhooks.ingest.tokens;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.producer.Producer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records when workspace tokens are used, at most once per {@link #INTERVAL} per token: a write on every request
 * would make the token topic as busy as the API. A token's "last used" is therefore up to a minute early; an
 * instance that sees a newer use from another instance in the view does not write one of its own.
 */
final class UsageRecorder {

    static final Duration INTERVAL = Duration.ofMinutes(1);
    private static final Logger log = LoggerFactory.getLogger(UsageRecorder.class);

    private final Producer<String, byte[]> producer;
    private final TokenView view;
    /** Per token, the last use this instance wrote. */
    private final Map<String, Instant> written = new ConcurrentHashMap<>();

    UsageRecorder(Producer<String, byte[]> producer, TokenView view) {
        this.producer = producer;
        this.view = view;
    }

    void used(ApiToken token, Instant now) {
        Instant seen = view.lastUsedAt(token.id()).orElse(null);
        if (seen != null && now.isBefore(seen.plus(INTERVAL))) {
            return;
        }
        boolean[] claimed = {false};
        written.compute(token.id(), (id, last) -> {
            if (last != null && now.isBefore(last.plus(INTERVAL))) {
                return last;
            }
            claimed[0] = true;
            return now;
        });
        if (claimed[0]) {
            producer.send(TokenRecords.used(token.id(), now), (metadata, error) -> {
                if (error != null) {
                    // Only the "last used" time suffers; the next use after the interval writes it again.
                    log.warn("Could not record the use of token {}: {}", token.id(), error.toString());
                }
            });
        }
    }

    /** Forgets a revoked token. */
    void forget(String tokenId) {
        written.remove(tokenId);
    }
}
