package com.chatplugify.webhooks.deliverer.dispatch;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.deliverer.engine.PartitionTracker;
import com.chatplugify.webhooks.deliverer.engine.PolledDelivery;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

class EndpointTest {

    private static final long SECOND = Duration.ofSeconds(1).toNanos();
    private static final EndpointLimits LIMITS = new EndpointLimits(16, 1000, Duration.ofSeconds(1),
            Duration.ofSeconds(5), Duration.ofSeconds(2));

    private final PartitionTracker tracker = new PartitionTracker(new TopicPartition("t", 0), 0);
    private final Endpoint endpoint = new Endpoint("webhook_1", LIMITS, CircuitBreaker.ofDefaults("webhook_1"), 0);
    private final InFlightSlots slots = new InFlightSlots(100);

    @Test
    void shouldStartUnprovenWithItsWholeAllowance() {
        assertThat(endpoint.standing(0)).isEqualTo(Endpoint.Standing.UNPROVEN);
        assertThat(endpoint.allowance(0, null)).isEqualTo(1000);
    }

    @Test
    void shouldMakeOneAttemptAtATimeUntilOneHasEnded() {
        queue(10);

        assertThat(takeAll(0)).hasSize(1);
        assertThat(endpoint.take(slots, null, 0).waitingFor()).isEqualTo(Endpoint.Wait.CONCURRENCY);
    }

    @Test
    void shouldStartNoMoreThanItsInitialConcurrencyLimitOnceMeasured() {
        queue(11);
        prove();

        List<Endpoint.AttemptSlot> started = takeAll(SECOND / 100);

        assertThat(started).hasSize(LIMITS.initialInFlight());
        assertThat(endpoint.take(slots, null, 0).waitingFor()).isEqualTo(Endpoint.Wait.CONCURRENCY);
        assertThat(endpoint.waiting()).isEqualTo(Endpoint.Wait.CONCURRENCY);
        assertThat(endpoint.held()).isEqualTo(10);
    }

    @Test
    void shouldBecomePromptOnceAnAttemptAnswersQuickly() {
        queue(1);
        Endpoint.AttemptSlot slot = endpoint.take(slots, null, 0).slot();
        slot.record(Endpoint.Signal.ANSWERED);
        slot.release(SECOND / 100);

        assertThat(endpoint.standing(SECOND / 100)).isEqualTo(Endpoint.Standing.PROMPT);
        // Four in flight, 10 ms each: 400 a second, 800 in two seconds.
        assertThat(endpoint.allowance(SECOND / 100, null)).isEqualTo(800);
        assertThat(endpoint.allowance(SECOND / 100, 5)).isEqualTo(10);
    }

    @Test
    void shouldTurnSlowWhileItsOldestAttemptOutlivesThePromptLatency() {
        queue(2);
        endpoint.take(slots, null, 0);

        assertThat(endpoint.standing(SECOND / 2)).isEqualTo(Endpoint.Standing.UNPROVEN);
        assertThat(endpoint.standing(2 * SECOND)).isEqualTo(Endpoint.Standing.SLOW);
        // Four in flight taking at least ten seconds: what it clears in two seconds is not even one.
        assertThat(endpoint.allowance(10 * SECOND, null)).isEqualTo(1);
    }

    @Test
    void shouldRunOnlyTheConcurrencyItsLatencyWarrantsWhileSlow() {
        queue(20);
        Endpoint.AttemptSlot first = endpoint.take(slots, null, 0).slot();
        first.record(Endpoint.Signal.ANSWERED);
        // Measured at 2 s, twice the prompt latency: half its concurrency limit of 4.
        first.release(2 * SECOND);

        assertThat(endpoint.standing(2 * SECOND)).isEqualTo(Endpoint.Standing.SLOW);
        assertThat(takeAll(2 * SECOND)).hasSize(2);
    }

    @Test
    void shouldHoldNothingWhileItsCircuitIsOpen() {
        endpoint.breakerFor("https://a.example/hook").transitionToOpenState();

        assertThat(endpoint.standing(0)).isEqualTo(Endpoint.Standing.SLOW);
        assertThat(endpoint.allowance(0, null)).isZero();
    }

    @Test
    void shouldShedItsNewestQueuedDeliveriesButNeverThoseInFlight() {
        queue(6);
        takeAll(0);

        List<PolledDelivery> shed = endpoint.shed(5);

        assertThat(shed).extracting(d -> d.record().offset()).containsExactly(5L);
        assertThat(endpoint.shed(0)).extracting(d -> d.record().offset()).containsExactly(4L, 3L, 2L, 1L);
        assertThat(endpoint.held()).isEqualTo(1);
        assertThat(endpoint.queued()).isZero();
    }

    @Test
    void shouldWaitForAnInstanceSlotOfItsStanding() {
        InFlightSlots four = new InFlightSlots(4);
        Endpoint other = new Endpoint("webhook_2", LIMITS, CircuitBreaker.ofDefaults("webhook_2"), 0);
        other.offer(delivery(0), 0);
        queue(3);

        assertThat(other.take(four, null, 0).delivery()).isNotNull();
        Endpoint.Take refused = endpoint.take(four, null, 0);

        // Unproven: a quarter of the instance's slots, one of four, taken by the other unproven endpoint.
        assertThat(refused.waitingFor()).isEqualTo(Endpoint.Wait.INSTANCE_SLOTS);
        assertThat(refused.standing()).isEqualTo(Endpoint.Standing.UNPROVEN);
        assertThat(endpoint.wasAwaitingSlot()).isTrue();
        assertThat(endpoint.wasAwaitingSlot()).isFalse();
        assertThat(four.inUse()).isEqualTo(1);
    }

    @Test
    void shouldCountAHungFirstAttemptAsSlowOnlyWhileTheSlowShareHasRoom() {
        InFlightSlots four = new InFlightSlots(4);
        Endpoint[] hung = new Endpoint[3];
        for (int i = 0; i < hung.length; i++) {
            hung[i] = new Endpoint("webhook_h" + i, LIMITS, CircuitBreaker.ofDefaults("webhook_h" + i), 0);
            hung[i].offer(delivery(i), 0);
        }
        assertThat(hung[0].take(four, null, 0).delivery()).isNotNull();
        hung[0].reattribute(hung[0].standing(2 * SECOND));
        assertThat(hung[1].take(four, null, 2 * SECOND).delivery()).isNotNull();
        hung[1].reattribute(hung[1].standing(4 * SECOND));

        // Both first attempts now count as slow (two of four: the slow share is full), so a third new endpoint
        // finds the unproven share free.
        assertThat(four.tryAcquire(Endpoint.Standing.SLOW)).isFalse();
        assertThat(hung[2].take(four, null, 4 * SECOND).delivery()).isNotNull();
        hung[2].reattribute(hung[2].standing(6 * SECOND));

        // The slow share being full, the third stays counted as unproven: new endpoints wait for it to end.
        assertThat(four.tryAcquire(Endpoint.Standing.UNPROVEN)).isFalse();
        assertThat(four.tryAcquire(Endpoint.Standing.PROMPT)).isTrue();
    }

    @Test
    void shouldHoldDeliveriesBackWhenRateLimited() {
        queue(4);
        prove();

        assertThat(endpoint.take(slots, 1, 0).delivery()).isNotNull();
        Endpoint.Take limited = endpoint.take(slots, 1, 0);

        assertThat(limited.delivery()).isNull();
        assertThat(limited.waitingFor()).isEqualTo(Endpoint.Wait.RATE_LIMIT);
        assertThat(limited.retryInNanos()).isPositive();
        assertThat(endpoint.queued()).isEqualTo(2);
        assertThat(slots.inUse()).isEqualTo(1);
    }

    @Test
    void shouldShrinkItsConcurrencyOnFailures() {
        queue(40);
        prove();
        int started = LIMITS.initialInFlight() + 1;
        for (long now = SECOND / 100; started > 1; now += SECOND / 100) {
            List<Endpoint.AttemptSlot> attempts = takeAll(now);
            assertThat(attempts).hasSizeLessThan(started);
            started = attempts.size();
            for (Endpoint.AttemptSlot slot : attempts) {
                slot.record(Endpoint.Signal.FAILED);
                slot.release(now + SECOND / 200);
            }
        }
        assertThat(takeAll(SECOND)).hasSize(1);
    }

    @Test
    void shouldDrainOnceAtATime() {
        assertThat(endpoint.startDraining()).isTrue();
        assertThat(endpoint.startDraining()).isFalse();

        endpoint.take(slots, null, 0);
        assertThat(endpoint.startDraining()).isTrue();
    }

    @Test
    void shouldGiveUpTheQueuedDeliveriesOfRevokedPartitions() {
        PartitionTracker other = new PartitionTracker(new TopicPartition("t", 1), 0);
        endpoint.offer(delivery(0), 0);
        endpoint.offer(new PolledDelivery(record(0, 1), other, 0), 0);
        tracker.revoke();

        List<PolledDelivery> removed = endpoint.removeRevoked();

        assertThat(removed).extracting(d -> d.record().partition()).containsExactly(0);
        assertThat(endpoint.queued()).isEqualTo(1);
    }

    @Test
    void shouldNotMakeTheNextHeadWaitOutTheRetryInPlaceOfARevokedOne() {
        endpoint.follow(new EndpointPolicy(null, null, true, false, true));
        endpoint.putBackHead(delivery(0), 60 * SECOND);
        assertThat(endpoint.take(slots, null, 0).waitingFor()).isEqualTo(Endpoint.Wait.RETRY_IN_PLACE);
        tracker.revoke();
        endpoint.removeRevoked();

        PartitionTracker again = new PartitionTracker(new TopicPartition("t", 0), 0);
        endpoint.offer(new PolledDelivery(record(0, 0), again, 0), 0);

        assertThat(endpoint.take(slots, null, 0).slot()).isNotNull();
    }

    @Test
    void shouldCloseItsCircuitWhenItsWebhooksUrlChanges() {
        endpoint.follow(new EndpointPolicy("https://old.example/hook", null, false, false, true));
        endpoint.breakerFor("https://old.example/hook").transitionToOpenState();
        assertThat(endpoint.allowance(0, null)).isZero();

        endpoint.follow(new EndpointPolicy("https://new.example/hook", null, false, false, true));

        assertThat(endpoint.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(endpoint.allowance(0, null)).isEqualTo(LIMITS.maxHeld());
    }

    @Test
    void shouldForgetTheOldUrlsPaceAndItsAttemptsStillInFlightWhenItsWebhooksUrlChanges() {
        endpoint.follow(policy("https://old.example/hook", true));
        measureSlowWithOneAttemptHanging("https://old.example/hook");

        endpoint.follow(policy("https://new.example/hook", true));

        assertThat(endpoint.standing(10 * SECOND)).isEqualTo(Endpoint.Standing.UNPROVEN);
        assertThat(endpoint.allowance(10 * SECOND, null)).isEqualTo(LIMITS.maxHeld());
    }

    @Test
    void shouldStartAfreshWhenItsWebhookIsEnabledAgainButNotWhileItStaysEnabled() {
        endpoint.follow(policy("https://a.example/hook", true));
        measureSlowWithOneAttemptHanging("https://a.example/hook");
        endpoint.follow(policy("https://a.example/hook", true));
        assertThat(endpoint.standing(10 * SECOND)).isEqualTo(Endpoint.Standing.SLOW);

        endpoint.follow(policy("https://a.example/hook", false));
        assertThat(endpoint.standing(10 * SECOND)).isEqualTo(Endpoint.Standing.SLOW);
        endpoint.follow(policy("https://a.example/hook", true));

        assertThat(endpoint.standing(10 * SECOND)).isEqualTo(Endpoint.Standing.UNPROVEN);
        assertThat(endpoint.breakerState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(endpoint.allowance(10 * SECOND, null)).isEqualTo(LIMITS.maxHeld());
    }

    /** One attempt to {@code url} measured at 2 s, one in flight since, and the circuit opened. */
    private void measureSlowWithOneAttemptHanging(String url) {
        queue(2);
        Endpoint.AttemptSlot measured = endpoint.take(slots, null, 0).slot();
        measured.record(Endpoint.Signal.ANSWERED);
        measured.release(2 * SECOND);
        assertThat(endpoint.take(slots, null, 2 * SECOND).slot()).isNotNull();
        endpoint.breakerFor(url).transitionToOpenState();
    }

    private static EndpointPolicy policy(String url, boolean enabled) {
        return new EndpointPolicy(url, null, false, false, enabled);
    }

    @Test
    void shouldKeepItsCircuitOpenWhileItsWebhooksUrlStaysTheSameOrIsUnknown() {
        endpoint.follow(new EndpointPolicy("https://old.example/hook", null, false, false, true));
        endpoint.breakerFor("https://old.example/hook").transitionToOpenState();

        endpoint.follow(new EndpointPolicy("https://old.example/hook", 5, false, false, true));
        endpoint.follow(EndpointPolicy.NONE);

        assertThat(endpoint.breakerState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(endpoint.breakerFor("https://old.example/hook").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void shouldBeForgottenOnlyWhenIdle() {
        queue(1);
        Endpoint.AttemptSlot slot = endpoint.take(slots, null, 0).slot();

        assertThat(endpoint.idleFor(Duration.ofMinutes(5), 10 * 60 * SECOND)).isFalse();
        slot.release(SECOND);
        assertThat(endpoint.idleFor(Duration.ofMinutes(5), 2 * SECOND)).isFalse();
        assertThat(endpoint.idleFor(Duration.ofMinutes(5), 10 * 60 * SECOND)).isTrue();
    }

    @Test
    void shouldBeOrphanedOnlyOnceEveryPartitionItsDeliveriesCameFromIsRevoked() {
        PartitionTracker tier = new PartitionTracker(new TopicPartition("t-retry-1", 0), 0);
        assertThat(endpoint.orphaned()).as("offered nothing yet").isFalse();
        endpoint.offeredFrom(tracker);
        endpoint.offeredFrom(tier);

        tracker.revoke();
        assertThat(endpoint.orphaned()).isFalse();
        tier.revoke();

        assertThat(endpoint.orphaned()).isTrue();
    }

    @Test
    void shouldNotBeOrphanedWhileADeliveryOfItsRevokedPartitionIsInFlight() {
        endpoint.offeredFrom(tracker);
        queue(1);
        Endpoint.AttemptSlot slot = endpoint.take(slots, null, 0).slot();
        tracker.revoke();

        assertThat(endpoint.orphaned()).isFalse();
        slot.release(SECOND);
        assertThat(endpoint.orphaned()).isTrue();
    }

    @Test
    void shouldNotBeOrphanedOnceOfferedADeliveryOfAPartitionAssignedAgain() {
        endpoint.offeredFrom(tracker);
        tracker.revoke();

        endpoint.offeredFrom(new PartitionTracker(new TopicPartition("t", 0), 0));

        assertThat(endpoint.orphaned()).isFalse();
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

    /** One attempt answered in 10 ms: the endpoint is measured, and prompt. */
    private void prove() {
        Endpoint.AttemptSlot slot = endpoint.take(slots, null, 0).slot();
        slot.record(Endpoint.Signal.ANSWERED);
        slot.release(SECOND / 100);
    }

    private void queue(int count) {
        for (int i = 0; i < count; i++) {
            endpoint.offer(delivery(i), 0);
        }
    }

    private List<Endpoint.AttemptSlot> takeAll(long nowNanos) {
        List<Endpoint.AttemptSlot> started = new ArrayList<>();
        for (Endpoint.Take take = endpoint.take(slots, null, nowNanos); take.delivery() != null;
                take = endpoint.take(slots, null, nowNanos)) {
            started.add(take.slot());
        }
        return started;
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
                true, null, null, now, now, null, version, null, null, null, null, null);
    }
}
