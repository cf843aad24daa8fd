package com.chatplugify.webhooks.bench.measure;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProfileSummaryTest {

    @Test
    void shouldFoldTheNumbersAndIdsOfThreadNamesSoThatAPoolCountsAsOne() {
        assertThat(ProfileSummary.fold("delivery-worker-12")).isEqualTo("delivery-worker-N");
        assertThat(ProfileSummary.fold("router-0b6b3c1e-4a86-4d5e-9d1b-0f3c2a1e7e55-StreamThread-1"))
                .isEqualTo("router-<uuid>-StreamThread-N");
    }

    @Test
    void shouldAbbreviateAllButTheLastPackageOfAFrame() {
        assertThat(ProfileSummary.abbreviate("org.apache.kafka.common.utils.Crc32C", "update"))
                .isEqualTo("o.a.k.c.utils.Crc32C.update");
    }
}
