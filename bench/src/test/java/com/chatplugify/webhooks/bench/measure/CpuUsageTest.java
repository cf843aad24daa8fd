package com.chatplugify.webhooks.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class CpuUsageTest {

    private static final long SECOND = 1_000_000_000L;

    private static CpuMeter.ThreadCpu thread(String name, Component component, long nanos) {
        return new CpuMeter.ThreadCpu(name, component, nanos);
    }

    @Test
    void shouldSplitTheProcessIntoTheSystemUnderTestAndTheHarnessAndChargeTheRestToTheJvm() {
        CpuMeter.Reading start = new CpuMeter.Reading(0, 0,
                Map.of(1L, thread("broker", Component.BROKER, 0), 2L, thread("server-dispatch-1", Component.RECEIVER, 0),
                        3L, thread("bench-driver", Component.DRIVER, 0)),
                Optional.of(new MachineCpu.Sample(1000, 500, 0, 2)));
        // Over 2 s: broker 1 s, receiver 0.4 s, driver 0.2 s, a thread no rule names 0.2 s, and 0.2 s no live thread
        // accounts for (GC, JIT); the machine: 400 ticks of two CPUs, 100 of them idle.
        CpuMeter.Reading end = new CpuMeter.Reading(2 * SECOND, 2 * SECOND,
                Map.of(1L, thread("broker", Component.BROKER, SECOND),
                        2L, thread("server-dispatch-1", Component.RECEIVER, 4 * SECOND / 10),
                        3L, thread("bench-driver", Component.DRIVER, 2 * SECOND / 10),
                        4L, thread("pool-1-thread-1", Component.UNATTRIBUTED, 2 * SECOND / 10)),
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
    void shouldCountEachThreadFromItsOwnStartSoThatAThreadEndingInsideTheWindowTakesNoOtherThreadsTime() {
        // The driver thread of the run before, 5 s of CPU, ends inside the window; the new one uses 0.2 s of 2 s.
        CpuMeter.Reading start = new CpuMeter.Reading(0, 0,
                Map.of(7L, thread("bench-driver", Component.DRIVER, 5 * SECOND),
                        8L, thread("server-dispatch-1", Component.RECEIVER, SECOND)),
                Optional.empty());
        CpuMeter.Reading end = new CpuMeter.Reading(2 * SECOND, SECOND,
                Map.of(9L, thread("bench-driver", Component.DRIVER, 2 * SECOND / 10),
                        8L, thread("server-dispatch-1", Component.RECEIVER, SECOND)),
                Optional.empty());

        CpuUsage usage = CpuUsage.between(start, end, 2);

        assertThat(usage.byComponent()).containsEntry("driver", 0.1).containsEntry("receiver", 0.0)
                .containsEntry("jvm", 0.4);
    }

    @Test
    void shouldGiveTheCpuTimePerDeliveryInMicroseconds() {
        assertThat(CpuUsage.microsPerDelivery(1.5, 3000)).isEqualTo(500.0);
        assertThat(CpuUsage.microsPerDelivery(1.5, 0)).isNull();
    }
}
