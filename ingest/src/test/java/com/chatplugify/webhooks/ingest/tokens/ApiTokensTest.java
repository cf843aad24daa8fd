package com.chatplugify.webhooks.ingest.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.chatplugify.webhooks.common.kafka.Topics;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.MockConsumer;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** How a presented secret is judged, against Kafka's {@link MockConsumer} as the token topic. */
class ApiTokensTest {

    private static final TopicPartition PARTITION = new TopicPartition(Topics.API_TOKENS, 0);
    private static final Duration MAX_STALENESS = Duration.ofMillis(300);
    private static final Duration WAIT = Duration.ofSeconds(10);

    private final MockConsumer<String, byte[]> consumer = new MockConsumer<>("earliest");
    private final MockProducer<String, byte[]> producer = new MockProducer<>(true, null, new StringSerializer(),
            new ByteArraySerializer());
    private final TokenView view = new TokenView(consumer,
            partitions -> CompletableFuture.completedFuture(consumer.endOffsets(partitions)), Clock.systemUTC(),
            "api-tokens-test");
    private final ApiTokens tokens = new ApiTokens(producer, view, new TokenSecret(new SecureRandom()),
            Clock.systemUTC(), MAX_STALENESS);
    private final TokenSecret secrets = new TokenSecret(new SecureRandom());
    private long offset;

    @AfterEach
    void close() {
        view.close();
    }

    @Test
    void shouldRefuseEveryWorkspaceTokenWhileItsViewCannotBeConfirmedCurrent() {
        start();
        String secret = secrets.generate();
        ApiToken token = write(token(secret, null));
        await().atMost(WAIT).until(() -> tokens.authenticate(secret) instanceof Authentication.Valid);

        // A record the view cannot read: the topic's end moves past what the view gets.
        consumer.updateEndOffsets(Map.of(PARTITION, offset + 1));

        await().atMost(WAIT).until(() -> tokens.authenticate(secret) instanceof Authentication.ViewBehind);
        consumer.addRecord(new ConsumerRecord<>(Topics.API_TOKENS, 0, offset++, token.id(),
                TokenRecords.issued(token).value()));
        await().atMost(WAIT).until(() -> tokens.authenticate(secret) instanceof Authentication.Valid);
    }

    @Test
    void shouldTellUnknownAndExpiredTokensApart() {
        start();
        String expiredSecret = secrets.generate();
        write(token(expiredSecret, Instant.now().minusSeconds(1)));
        await().atMost(WAIT).until(() -> !(tokens.authenticate(expiredSecret) instanceof Authentication.ViewBehind));

        assertThat(tokens.authenticate(expiredSecret)).isInstanceOf(Authentication.Expired.class);
        assertThat(tokens.authenticate(secrets.generate())).isInstanceOf(Authentication.Unknown.class);
    }

    @Test
    void shouldRecordAUseAtMostOncePerIntervalPerToken() {
        UsageRecorder usage = new UsageRecorder(producer, view);
        ApiToken token = token(secrets.generate(), null);
        Instant first = Instant.parse("2030-01-01T00:00:00Z");

        usage.used(token, first);
        usage.used(token, first.plusSeconds(30));
        usage.used(token, first.plus(UsageRecorder.INTERVAL).minusMillis(1));
        assertThat(producer.history()).hasSize(1);

        usage.used(token, first.plus(UsageRecorder.INTERVAL));
        assertThat(producer.history()).extracting(ProducerRecord::key)
                .containsExactly(token.id() + TokenRecords.LAST_USED_SUFFIX, token.id() + TokenRecords.LAST_USED_SUFFIX);
    }

    @Test
    void shouldForgetTheLastUseOfARevokedToken() {
        start();
        ApiToken token = write(token(secrets.generate(), null));
        writeRaw(TokenRecords.used(token.id(), Instant.now()));
        await().atMost(WAIT).until(() -> view.lastUsedAt(token.id()).isPresent());

        TokenRecords.revoked(token.id()).forEach(this::writeRaw);
        writeRaw(TokenRecords.used(token.id(), Instant.now()));

        await().atMost(WAIT).until(() -> view.byId(token.id()).isEmpty() && positionReached());
        assertThat(view.lastUsedAt(token.id())).as("a use recorded after the revocation").isEmpty();
    }

    private void start() {
        consumer.updatePartitions(Topics.API_TOKENS, List.of(new PartitionInfo(Topics.API_TOKENS, 0, Node.noNode(),
                new Node[0], new Node[0])));
        consumer.updateBeginningOffsets(Map.of(PARTITION, 0L));
        consumer.updateEndOffsets(Map.of(PARTITION, 0L));
        view.start();
        await().atMost(WAIT).until(() -> consumer.assignment().contains(PARTITION));
    }

    private ApiToken write(ApiToken token) {
        writeRaw(TokenRecords.issued(token));
        return token;
    }

    private void writeRaw(ProducerRecord<String, byte[]> record) {
        consumer.addRecord(new ConsumerRecord<>(Topics.API_TOKENS, 0, offset++, record.key(), record.value()));
        consumer.updateEndOffsets(Map.of(PARTITION, offset));
    }

    private boolean positionReached() {
        return consumer.position(PARTITION) >= offset;
    }

    private static ApiToken token(String secret, Instant expiresAt) {
        return new ApiToken("tok_" + secret.substring(5, 15), "test", "ws_1", Set.of(Permission.READ), Instant.now(),
                expiresAt, TokenSecret.hint(secret), TokenSecret.hash(secret));
    }
}
