package com.chatplugify.webhooks.common.concurrent;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DaemonThreadsTest {

    @Test
    void shouldMakeDaemonThreadsOfOneName() {
        DaemonThreads threads = DaemonThreads.named("timer");

        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });

        assertThat(first.isDaemon()).isTrue();
        assertThat(first.getName()).isEqualTo("timer");
        assertThat(second.getName()).isEqualTo("timer");
    }

    @Test
    void shouldNumberThePoolsThreads() {
        DaemonThreads threads = DaemonThreads.numbered("worker");

        Thread first = threads.newThread(() -> { });
        Thread second = threads.newThread(() -> { });

        assertThat(first.isDaemon()).isTrue();
        assertThat(second.isDaemon()).isTrue();
        assertThat(first.getName()).isEqualTo("worker-1");
        assertThat(second.getName()).isEqualTo("worker-2");
    }
}
