package com.chatplugify.webhooks.deliverer.dispatch;

import static com.chatplugify.webhooks.deliverer.dispatch.Endpoint.Standing.PROMPT;
import static com.chatplugify.webhooks.deliverer.dispatch.Endpoint.Standing.SLOW;
import static com.chatplugify.webhooks.deliverer.dispatch.Endpoint.Standing.UNPROVEN;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MemorySharesTest {

    private final MemoryShares shares = new MemoryShares(8);

    @Test
    void shouldAdmitSlowEndpointsUpToHalfAndUnprovenOnesUpToAQuarter() {
        for (int i = 0; i < 4; i++) {
            assertThat(shares.tryAdmit(SLOW)).isTrue();
        }
        assertThat(shares.tryAdmit(SLOW)).isFalse();
        assertThat(shares.tryAdmit(UNPROVEN)).isTrue();
        assertThat(shares.tryAdmit(UNPROVEN)).isTrue();
        assertThat(shares.tryAdmit(UNPROVEN)).isFalse();
        assertThat(shares.tryAdmit(PROMPT)).isTrue();
    }

    @Test
    void shouldTellHowFarAStandingIsOverItsShareAndAdmitAgainOnceUnder() {
        assertThat(shares.recount(SLOW, 7)).isEqualTo(3);
        assertThat(shares.tryAdmit(SLOW)).isFalse();

        assertThat(shares.recount(SLOW, 3)).isZero();
        assertThat(shares.tryAdmit(SLOW)).isTrue();
        assertThat(shares.tryAdmit(SLOW)).isFalse();
        assertThat(shares.recount(PROMPT, 100)).isZero();
    }
}
