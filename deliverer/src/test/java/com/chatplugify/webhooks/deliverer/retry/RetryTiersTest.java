package com.chatplugify.webhooks.deliverer.retry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryTiersTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");
    private final RetryTiers tiers = new RetryTiers(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1),
            Duration.ofMinutes(10)));

    @Test
    void shouldMoveEachFailureToTheNextTierWithItsDelay() {
        assertThat(tiers.retry(1, Optional.empty(), NOW)).isEqualTo(new RetryTiers.Placement(1, NOW.plusSeconds(10)));
        assertThat(tiers.retry(2, Optional.empty(), NOW)).isEqualTo(new RetryTiers.Placement(2, NOW.plusSeconds(60)));
        assertThat(tiers.retry(3, Optional.empty(), NOW)).isEqualTo(new RetryTiers.Placement(3, NOW.plusSeconds(600)));
    }

    @Test
    void shouldBeExhaustedAfterOneAttemptPerTierAndTheFirst() {
        assertThat(tiers.exhausted(3)).isFalse();
        assertThat(tiers.exhausted(4)).isTrue();
    }

    @Test
    void shouldIgnoreARetryAfterShorterThanTheTierDelay() {
        assertThat(tiers.retry(1, Optional.of(Duration.ofSeconds(2)), NOW))
                .isEqualTo(new RetryTiers.Placement(1, NOW.plusSeconds(10)));
    }

    @Test
    void shouldPutALongerRetryAfterOnATierWhoseDelayCoversIt() {
        RetryTiers.Placement placement = tiers.retry(1, Optional.of(Duration.ofSeconds(30)), NOW);

        assertThat(placement).isEqualTo(new RetryTiers.Placement(2, NOW.plusSeconds(30)));
        assertThat(tiers.decide(placement.tier(), NOW, Optional.of(placement.dueAt()), NOW.plusSeconds(29)))
                .isEqualTo(new RetryTiers.Visit.Hold(NOW.plusSeconds(30)));
        assertThat(tiers.decide(placement.tier(), NOW, Optional.of(placement.dueAt()), NOW.plusSeconds(30)))
                .isInstanceOf(RetryTiers.Visit.Take.class);
    }

    @Test
    void shouldLookAtAWaitLongerThanEveryTierOnceEveryLongestDelay() {
        RetryTiers.Placement placement = tiers.retry(1, Optional.of(Duration.ofHours(1)), NOW);

        assertThat(placement).isEqualTo(new RetryTiers.Placement(3, NOW.plus(Duration.ofHours(1))));
        assertThat(tiers.decide(3, NOW, Optional.of(placement.dueAt()), NOW.plusSeconds(1)))
                .isEqualTo(new RetryTiers.Visit.Hold(NOW.plus(Duration.ofMinutes(10))));
        // Looked at after its tier's delay but before it is due: back to the end of its tier.
        assertThat(tiers.decide(3, NOW, Optional.of(placement.dueAt()), NOW.plus(Duration.ofMinutes(10))))
                .isInstanceOf(RetryTiers.Visit.Reappend.class);
        assertThat(tiers.decide(3, NOW.plus(Duration.ofMinutes(50)), Optional.of(placement.dueAt()),
                NOW.plus(Duration.ofHours(1)))).isInstanceOf(RetryTiers.Visit.Take.class);
    }

    @Test
    void shouldDeferToTheNextTierAndStayOnTheLast() {
        assertThat(tiers.deferral(0, NOW)).isEqualTo(new RetryTiers.Placement(1, NOW.plusSeconds(10)));
        assertThat(tiers.deferral(2, NOW)).isEqualTo(new RetryTiers.Placement(3, NOW.plusSeconds(600)));
        assertThat(tiers.deferral(3, NOW)).isEqualTo(new RetryTiers.Placement(3, NOW.plusSeconds(600)));
    }

    @Test
    void shouldVisitARecordWithoutDueAtAfterItsTierDelay() {
        assertThat(tiers.decide(1, NOW, Optional.empty(), NOW)).isEqualTo(new RetryTiers.Visit.Hold(NOW.plusSeconds(10)));
        assertThat(tiers.decide(1, NOW, Optional.empty(), NOW.plusSeconds(10))).isInstanceOf(RetryTiers.Visit.Take.class);
    }

    @Test
    void shouldTakeEveryRecordOfTheMainTopicAtOnce() {
        assertThat(tiers.decide(0, NOW, Optional.of(NOW.plusSeconds(60)), NOW)).isInstanceOf(RetryTiers.Visit.Take.class);
    }

    @Test
    void shouldTakeARecordOfATierBeyondTheScheduleWhenItIsDue() {
        RetryTiers shortened = new RetryTiers(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)));

        assertThat(shortened.decide(3, NOW, Optional.of(NOW.plusSeconds(30)), NOW))
                .isEqualTo(new RetryTiers.Visit.Hold(NOW.plusSeconds(30)));
        assertThat(shortened.decide(3, NOW, Optional.of(NOW.plusSeconds(30)), NOW.plusSeconds(30)))
                .isInstanceOf(RetryTiers.Visit.Take.class);
    }

    @Test
    void shouldLookAtARecordOfATierBeyondTheScheduleOnceEveryLongestDelayUntilItIsDue() {
        RetryTiers shortened = new RetryTiers(List.of(Duration.ofMinutes(1), Duration.ofSeconds(10)));
        Optional<Instant> due = Optional.of(NOW.plus(Duration.ofMinutes(10)));

        assertThat(shortened.decide(3, NOW, due, NOW)).isEqualTo(new RetryTiers.Visit.Hold(NOW.plusSeconds(60)));
        assertThat(shortened.decide(3, NOW, due, NOW.plusSeconds(60))).isInstanceOf(RetryTiers.Visit.Reappend.class);
    }

    @Test
    void shouldBeExhaustedAfterAFailureOfADeliveryThatHadMoreRetriesThanTheScheduleGives() {
        RetryTiers shortened = new RetryTiers(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)));

        assertThat(shortened.exhausted(2)).isFalse();
        assertThat(shortened.exhausted(3)).isTrue();
        assertThat(shortened.exhausted(4)).isTrue();
    }

    @Test
    void shouldDeferARecordOfATierBeyondTheScheduleToTheLastTier() {
        RetryTiers shortened = new RetryTiers(List.of(Duration.ofSeconds(10), Duration.ofMinutes(1)));

        assertThat(shortened.deferral(3, NOW)).isEqualTo(new RetryTiers.Placement(2, NOW.plusSeconds(60)));
    }
}
