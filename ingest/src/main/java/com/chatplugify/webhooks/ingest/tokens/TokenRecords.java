package com.chatplugify.webhooks.ingest.tokens;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;

/**
 * The one codec of {@code chatplugify.api-tokens}: key = a token's id → the {@link ApiToken}; key = a token's id
 * followed by {@value #LAST_USED_SUFFIX} → when it was last used. Revoking a token tombstones both keys.
 */
public final class TokenRecords {

    static final String LAST_USED_SUFFIX = "/last-used";
    private static final JsonSerde<ApiToken> TOKENS = new JsonSerde<>(ApiToken.class);
    private static final JsonSerde<LastUsed> USES = new JsonSerde<>(LastUsed.class);

    /** The value of a last-use record. */
    record LastUsed(Instant lastUsedAt) {
    }

    /** What a record says. */
    sealed interface Change {
        String tokenId();
    }

    /** The token was issued (or, null, revoked). */
    record TokenChange(String tokenId, ApiToken token) implements Change {
    }

    /** The token was used at {@code at}; null when its record is tombstoned. */
    record UseChange(String tokenId, Instant at) implements Change {
    }

    private TokenRecords() {
    }

    static ProducerRecord<String, byte[]> issued(ApiToken token) {
        return new ProducerRecord<>(Topics.API_TOKENS, token.id(), TOKENS.serialize(Topics.API_TOKENS, token));
    }

    /** The tombstones of a revoked token: its last use first, so that nothing of it outlives the token's own key. */
    static List<ProducerRecord<String, byte[]>> revoked(String tokenId) {
        return List.of(new ProducerRecord<>(Topics.API_TOKENS, tokenId + LAST_USED_SUFFIX, null),
                new ProducerRecord<>(Topics.API_TOKENS, tokenId, null));
    }

    static ProducerRecord<String, byte[]> used(String tokenId, Instant at) {
        return new ProducerRecord<>(Topics.API_TOKENS, tokenId + LAST_USED_SUFFIX,
                USES.serialize(Topics.API_TOKENS, new LastUsed(at)));
    }

    /**
     * @throws SerializationException when the value is not a record of its key's kind, or a token's id differs
     *                                from its key
     */
    static Change decode(ConsumerRecord<String, byte[]> record) {
        String key = record.key();
        if (key.endsWith(LAST_USED_SUFFIX)) {
            String tokenId = key.substring(0, key.length() - LAST_USED_SUFFIX.length());
            LastUsed used = USES.deserialize(record.topic(), record.value());
            return new UseChange(tokenId, used == null ? null : used.lastUsedAt());
        }
        ApiToken token = TOKENS.deserialize(record.topic(), record.value());
        if (token != null && !token.id().equals(key)) {
            throw new SerializationException("token " + token.id() + " under key " + key);
        }
        return new TokenChange(key, token);
    }
}
