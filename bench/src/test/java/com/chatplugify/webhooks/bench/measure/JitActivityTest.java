package com.chatplugify.webhooks.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class JitActivityTest {

    @Test
    void shouldWaitAtMostAsLongAsItIsAllowed() throws InterruptedException {
        Duration waited = new JitActivity().awaitQuiet(Duration.ofSeconds(3)).waited();

        assertThat(waited).isBetween(Duration.ZERO, Duration.ofSeconds(5));
    }

    @Test
    void shouldNotWaitWhenAllowedNoTime() throws InterruptedException {
        assertThat(new JitActivity().awaitQuiet(Duration.ZERO).waited()).isLessThan(Duration.ofSeconds(2));
    }
}
