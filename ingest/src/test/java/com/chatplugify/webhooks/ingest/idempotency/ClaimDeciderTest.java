package com.chatplugify.webhooks.ingest.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.ingest.idempotency.ClaimResult.Verdict;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClaimDeciderTest {

    private static final Duration WINDOW = Duration.ofHours(24);
    private static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");
    private final ClaimDecider decider = new ClaimDecider();

    @Test
    void shouldGrantTheFirstClaimWithTheIdsItProposes() {
        ClaimDecider.Decision decision = decider.decide(claim("r1", "body-a", T0), null, T0);

        assertThat(decision.result().verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(decision.result().ids()).containsExactly("evt_r1_0", "evt_r1_1");
        assertThat(decision.result().accepted()).isEmpty();
        assertThat(decision.next().claimedBy()).isEqualTo("r1");
        assertThat(decision.next().expiresAt()).isEqualTo(T0.plus(WINDOW));
    }

    @Test
    void shouldRefuseASecondClaimWhileTheFirstIsPublishing() {
        KeyRecord claimed = decider.decide(claim("r1", "body-a", T0), null, T0).next();

        ClaimDecider.Decision second = decider.decide(claim("r2", "body-a", T0.plusMillis(5)), claimed, T0.plusMillis(5));

        assertThat(second.result().verdict()).isEqualTo(Verdict.IN_PROGRESS);
        assertThat(second.result().until()).isEqualTo(claimed.leaseUntil());
        assertThat(second.next()).isNull();
    }

    @Test
    void shouldAnswerARetryOfACompleteRequestWithTheFirstIdsAndChangeNothing() {
        KeyRecord claimed = decider.decide(claim("r1", "body-a", T0), null, T0).next();
        KeyRecord settled = decider.decide(ClaimCommand.settle("r1", List.of(0, 1), T0.plusSeconds(10)), claimed,
                T0.plusSeconds(1)).next();

        ClaimDecider.Decision retry = decider.decide(claim("r2", "body-a", T0.plusSeconds(60)), settled,
                T0.plusSeconds(60));

        assertThat(settled.complete()).isTrue();
        assertThat(retry.result().verdict()).isEqualTo(Verdict.REPLAYED);
        assertThat(retry.result().ids()).containsExactly("evt_r1_0", "evt_r1_1");
        assertThat(retry.next()).isNull();
    }

    @Test
    void shouldRefuseAnotherBodyUnderALiveKeyWhateverItsState() {
        KeyRecord claimed = decider.decide(claim("r1", "body-a", T0), null, T0).next();
        KeyRecord settled = decider.decide(ClaimCommand.settle("r1", List.of(0, 1), T0.plusSeconds(10)), claimed,
                T0.plusSeconds(1)).next();

        for (KeyRecord state : List.of(claimed, settled)) {
            ClaimDecider.Decision other = decider.decide(claim("r2", "body-b", T0.plusSeconds(2)), state,
                    T0.plusSeconds(2));
            assertThat(other.result().verdict()).isEqualTo(Verdict.CONFLICT);
            assertThat(other.result().until()).isEqualTo(T0.plus(WINDOW));
            assertThat(other.next()).isNull();
        }
    }

    @Test
    void shouldGrantARetryOfAPartlyWrittenRequestTheSameIdsAndWhatIsAlreadyAccepted() {
        KeyRecord claimed = decider.decide(claim("r1", "body-a", T0), null, T0).next();
        KeyRecord partly = decider.decide(ClaimCommand.settle("r1", List.of(1), T0.plusSeconds(10)), claimed,
                T0.plusSeconds(1)).next();

        ClaimDecider.Decision retry = decider.decide(claim("r2", "body-a", T0.plusSeconds(5)), partly, T0.plusSeconds(5));

        assertThat(partly.complete()).isFalse();
        assertThat(partly.claimedBy()).isNull();
        assertThat(retry.result().verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(retry.result().ids()).containsExactly("evt_r1_0", "evt_r1_1");
        assertThat(retry.result().receivedAt()).isEqualTo(T0);
        assertThat(retry.result().accepted()).containsExactly(1);
        assertThat(retry.next().claimedBy()).isEqualTo("r2");
    }

    @Test
    void shouldLetARetryTakeOverAClaimWhoseLeaseLapsed() {
        KeyRecord claimed = decider.decide(claim("r1", "body-a", T0), null, T0).next();
        Instant lapsed = claimed.leaseUntil().plusMillis(1);

        ClaimDecider.Decision retry = decider.decide(claim("r2", "body-a", lapsed), claimed, lapsed);
        ClaimDecider.Decision lateSettle = decider.decide(ClaimCommand.settle("r1", List.of(0, 1), lapsed.plusSeconds(9)),
                retry.next(), lapsed.plusSeconds(1));

        assertThat(retry.result().verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(retry.result().ids()).containsExactly("evt_r1_0", "evt_r1_1");
        assertThat(lateSettle.result().verdict()).isEqualTo(Verdict.STALE);
        assertThat(lateSettle.next()).isNull();
    }

    @Test
    void shouldTreatAKeyPastItsWindowAsNew() {
        KeyRecord claimed = decider.decide(claim("r1", "body-a", T0), null, T0).next();
        KeyRecord settled = decider.decide(ClaimCommand.settle("r1", List.of(0, 1), T0.plusSeconds(10)), claimed,
                T0.plusSeconds(1)).next();
        Instant later = T0.plus(WINDOW);

        ClaimDecider.Decision reuse = decider.decide(claim("r2", "body-b", later), settled, later);

        assertThat(reuse.result().verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(reuse.result().ids()).containsExactly("evt_r2_0", "evt_r2_1");
        assertThat(reuse.next().expiresAt()).isEqualTo(later.plus(WINDOW));
    }

    @Test
    void shouldRefuseACommandPastItsExpiryWithoutChangingTheKey() {
        ClaimCommand late = claim("r1", "body-a", T0);

        ClaimDecider.Decision decision = decider.decide(late, null, late.expiresAt().plusMillis(1));

        assertThat(decision.result().verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(decision.next()).isNull();
    }

    @Test
    void shouldRefuseACommandThatArrivesTooCloseToItsExpiryForItsAnswerToReachTheCaller() {
        ClaimCommand command = claim("r1", "body-a", T0);
        Instant justInTime = command.expiresAt().minus(ClaimDecider.ANSWER_MARGIN).minusMillis(1);
        Instant tooLate = command.expiresAt().minus(ClaimDecider.ANSWER_MARGIN);

        ClaimDecider.Decision granted = decider.decide(command, null, justInTime);
        ClaimDecider.Decision refused = decider.decide(command, null, tooLate);
        ClaimDecider.Decision lateSettle = decider.decide(ClaimCommand.settle("r1", List.of(0, 1), command.expiresAt()),
                granted.next(), command.expiresAt().minusMillis(100));

        assertThat(granted.result().verdict()).isEqualTo(Verdict.GRANTED);
        assertThat(refused.result().verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(refused.next()).as("the key is left as it was").isNull();
        assertThat(lateSettle.result().verdict()).isEqualTo(Verdict.EXPIRED);
        assertThat(lateSettle.next()).isNull();
    }

    @Test
    void shouldTellAGrantedCallWhenItsClaimLapses() {
        ClaimCommand command = claim("r1", "body-a", T0);

        ClaimDecider.Decision granted = decider.decide(command, null, T0);

        assertThat(granted.result().until()).isEqualTo(command.leaseUntil());
    }

    @Test
    void shouldIgnoreASettleForAnUnknownKey() {
        ClaimDecider.Decision decision = decider.decide(ClaimCommand.settle("r1", List.of(0), T0.plusSeconds(10)), null, T0);

        assertThat(decision.result().verdict()).isEqualTo(Verdict.STALE);
        assertThat(decision.next()).isNull();
    }

    private static ClaimCommand claim(String requestId, String fingerprint, Instant now) {
        return ClaimCommand.claim(requestId, fingerprint, List.of("evt_" + requestId + "_0", "evt_" + requestId + "_1"),
                now, WINDOW, now.plusSeconds(30), now.plusSeconds(10));
    }
}
