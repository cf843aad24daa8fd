package com.chatplugify.webhooks.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ScenarioTest {

    @Test
    void shouldParseAListInRunOrder() {
        assertThat(Scenario.parse("hung, healthy,hung")).containsExactly(Scenario.HEALTHY, Scenario.HUNG);
        assertThat(Scenario.parse("all")).containsExactly(Scenario.values());
    }

    @Test
    void shouldNameTheKnownScenariosWhenOneIsUnknown() {
        assertThatThrownBy(() -> Scenario.parse("healthy,fast"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'fast'")
                .hasMessageContaining("throughput");
    }
}
