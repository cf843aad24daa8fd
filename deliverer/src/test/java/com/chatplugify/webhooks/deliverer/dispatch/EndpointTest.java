package com.chatplugify.webhooks.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.engine.PartitionTracker;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private final PartitionTracker tracker = new PartitionTracker(new TopicPartition("t", 0), 0);
    private final Endpoint endpoint = new Endpoint("webhook_1", 3, 2, CircuitBreaker.ofDefaults("webhook_1"));
    private final CapacityGate capacity = new CapacityGate(100);

    @Test
    void shouldRefuseDeliveriesBeyondItsBacklog() {
        assertThat(endpoint.offer(delivery(0))).isTrue();
        assertThat(endpoint.offer(delivery(1))).isTrue();
        assertThat(endpoint.offer(delivery(2))).isTrue();

        assertThat(endpoint.offer(delivery(3))).isFalse();
        assertThat(endpoint.queued()).isEqualTo(3);
    }

    @Test
    void shouldStartNoMoreThanItsInFlightCap() {
        for (int i = 0; i < 3; i++) {
            endpoint.offer(delivery(i));
        }

        assertThat(endpoint.take(capacity, null).delivery().record().offset()).isEqualTo(0);
        assertThat(endpoint.take(capacity, null).delivery().record().offset()).isEqualTo(1);
        assertThat(endpoint.take(capacity, null)).isEqualTo(Endpoint.Take.NOTHING);

        endpoint.finished();
        assertThat(endpoint.take(capacity, null).delivery().record().offset()).isEqualTo(2);
        assertThat(capacity.inUse()).isEqualTo(3);
    }

    @Test
    void shouldWaitForTheInstanceWhenItIsFull() {
        CapacityGate full = new CapacityGate(1);
        full.tryAcquire();
        endpoint.offer(delivery(0));

        assertThat(endpoint.take(full, null)).isEqualTo(Endpoint.Take.NO_CAPACITY);

        boolean[] woken = new boolean[1];
        full.awaitSlot(() -> woken[0] = true);
        full.release();
        assertThat(woken[0]).isTrue();
        assertThat(endpoint.take(full, null).delivery()).isNotNull();
    }

    @Test
    void shouldHoldDeliveriesBackWhenRateLimited() {
        for (int i = 0; i < 3; i++) {
            endpoint.offer(delivery(i));
        }

        assertThat(endpoint.take(capacity, 1).delivery()).isNotNull();
        endpoint.finished();
        Endpoint.Take limited = endpoint.take(capacity, 1);

        assertThat(limited.delivery()).isNull();
        assertThat(limited.retryInNanos()).isPositive();
        assertThat(endpoint.queued()).isEqualTo(2);
        assertThat(capacity.inUse()).isEqualTo(1);
    }

    @Test
    void shouldDrainOnceAtATime() {
        assertThat(endpoint.startDraining()).isTrue();
        assertThat(endpoint.startDraining()).isFalse();

        endpoint.take(capacity, null);
        assertThat(endpoint.startDraining()).isTrue();
    }

    @Test
    void shouldGiveUpTheQueuedDeliveriesOfRevokedPartitions() {
        PartitionTracker other = new PartitionTracker(new TopicPartition("t", 1), 0);
        endpoint.offer(delivery(0));
        endpoint.offer(new PolledDelivery(record(0, 1), other, 0));
        tracker.revoke();

        List<PolledDelivery> removed = endpoint.removeRevoked();

        assertThat(removed).extracting(d -> d.record().partition()).containsExactly(0);
        assertThat(endpoint.queued()).isEqualTo(1);
    }

    @Test
    void shouldResetItsBreakerWhenTheUrlChanges() {
        CircuitBreaker breaker = endpoint.breakerFor("https://a.example/hook");
        breaker.transitionToOpenState();

        assertThat(endpoint.breakerFor("https://a.example/hook").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(endpoint.breakerFor("https://b.example/hook").getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void shouldParkOnlyTheVersionOfTheWebhookThatAnswered410() {
        assertThat(endpoint.goneFor(subscription(7))).isFalse();

        endpoint.markGone(7);

        assertThat(endpoint.goneFor(subscription(7))).isTrue();
        assertThat(endpoint.goneFor(subscription(8))).isFalse();
        assertThat(endpoint.goneFor(subscription(6))).isFalse();
    }

    private PolledDelivery delivery(long offset) {
        return new PolledDelivery(record(offset, 0), tracker, 0);
    }

    private static ConsumerRecord<String, byte[]> record(long offset, int partition) {
        return new ConsumerRecord<>("t", partition, offset, "webhook_1", new byte[0]);
    }

    private static Subscription subscription(long version) {
        Instant now = Instant.parse("2024-01-15T10:30:00Z");
        return new Subscription("webhook_1", "ws", "https://a.example/hook", List.of("*"), Map.of(), "whsec_x",
                true, null, null, now, now, null, version, null);
    }
}
