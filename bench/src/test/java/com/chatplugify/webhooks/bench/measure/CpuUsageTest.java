package com.chatplugify.webhooks.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuUsageTest {

    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldSplitTheProcessIntoTheSystemUnderTestAndTheHarnessAndChargeTheRestToTheJvm() {
        CpuMeter.Reading start = new CpuMeter.Reading(0, 0,
                Map.of(Component.BROKER, 0L, Component.RECEIVER, 0L, Component.DRIVER, 0L),
                Map.of(), Optional.of(new MachineCpu.Sample(1000, 500, 0, 2)));
        // Over 2 s: broker 1 s, receiver 0.4 s, driver 0.2 s, a thread no rule names 0.2 s, and 0.2 s no live thread
        // accounts for (GC, JIT); the machine: 400 ticks of two CPUs, 100 of them idle.
        CpuMeter.Reading end = new CpuMeter.Reading(2 * SECOND, 2 * SECOND,
                Map.of(Component.BROKER, SECOND, Component.RECEIVER, 4 * SECOND / 10, Component.DRIVER, 2 * SECOND / 10,
                        Component.UNATTRIBUTED, 2 * SECOND / 10),
                Map.of("pool-1-thread-1", Component.UNATTRIBUTED, "server-dispatch-1", Component.RECEIVER),
                Optional.of(new MachineCpu.Sample(1400, 600, 0, 2)));

        CpuUsage usage = CpuUsage.between(start, end, 2);

        assertThat(usage.process()).isEqualTo(1.0);
        assertThat(usage.harness()).isEqualTo(0.3);
        assertThat(usage.system()).isEqualTo(0.7);
        assertThat(usage.byComponent()).containsEntry("broker", 0.5).containsEntry("receiver", 0.2)
                .containsEntry("driver", 0.1).containsEntry("unattributed", 0.1).containsEntry("jvm", 0.1);
        assertThat(usage.machineBusy()).isEqualTo(1.5);
        assertThat(usage.machineIdle()).isEqualTo(0.5);
        assertThat(usage.otherProcesses()).isEqualTo(0.5);
        assertThat(usage.unattributed()).containsExactly("pool-1-thread-1");
    }

    @Test
    void shouldGiveTheCpuTimePerDeliveryInMicroseconds() {
        assertThat(CpuUsage.microsPerDelivery(1.5, 3000)).isEqualTo(500.0);
        assertThat(CpuUsage.microsPerDelivery(1.5, 0)).isNull();
    }
}
