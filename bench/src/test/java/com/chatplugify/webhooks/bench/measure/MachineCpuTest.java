package com.chatplugify.webhooks.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class MachineCpuTest {

    @Test
    void shouldReadTheMachinesBusyIdleAndStolenCoresBetweenTwoSamplesOfProcStat() {
        Optional<MachineCpu.Sample> start = MachineCpu.parse(List.of(
                "cpu  1000 0 500 8000 100 0 0 0 0 0", "cpu0 500 0 250 4000 50 0 0 0 0 0", "cpu1 500 0 250 4000 50 0 0 0 0 0",
                "intr 12345"));
        // 400 ticks in all over two CPUs: 150 user, 50 system, 180 idle, 20 steal.
        Optional<MachineCpu.Sample> end = MachineCpu.parse(List.of(
                "cpu  1150 0 550 8180 100 0 0 20 0 0", "cpu0 575 0 275 4090 50 0 0 10 0 0", "cpu1 575 0 275 4090 50 0 0 10 0 0"));

        MachineCpu.Usage usage = MachineCpu.between(start, end).orElseThrow();

        assertThat(start.orElseThrow().cpus()).isEqualTo(2);
        assertThat(usage.busy()).isEqualTo(1.0);
        assertThat(usage.idle()).isEqualTo(0.9);
        assertThat(usage.steal()).isEqualTo(0.1);
    }

    @Test
    void shouldTellNothingWithoutACpuLine() {
        assertThat(MachineCpu.parse(List.of("intr 1"))).isEmpty();
        assertThat(MachineCpu.between(Optional.empty(), MachineCpu.sample())).isEmpty();
    }
}
