package com.chatplugify.webhooks.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomHeadersTest {

    @Test
    void shouldAllowExactlyVisibleAsciiSpaceAndTabInsideAValue() {
        for (char c = 0; c < 0x200; c++) {
            boolean allowed = c == ' ' || c == '\t' || (c >= 0x21 && c <= 0x7e);
            assertThat(CustomHeaders.valueProblem("X-A", "a" + c + "b")).as("U+%04X", (int) c).matches(
                    problem -> problem.isEmpty() == allowed);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {" a", "a ", "\ta", "a\t", " "})
    void shouldRefuseLeadingAndTrailingWhitespace(String value) {
        assertThat(CustomHeaders.valueProblem("X-A", value)).get().asString().contains("whitespace");
    }

    @Test
    void shouldAllowAnEmptyValueAndRefuseOneTooLong() {
        assertThat(CustomHeaders.valueProblem("X-A", "")).isEmpty();
        assertThat(CustomHeaders.valueProblem("X-A", "a".repeat(CustomHeaders.MAX_VALUE_LENGTH))).isEmpty();
        assertThat(CustomHeaders.valueProblem("X-A", "a".repeat(CustomHeaders.MAX_VALUE_LENGTH + 1))).isPresent();
    }

    @Test
    void shouldTakeNamesThatAreTokensOnly() {
        assertThat(CustomHeaders.nameProblem("X-Api-Key_2.0!#$%&'*+^`|~")).isEmpty();
        for (String bad : new String[] {"", "X A", "X:A", "X\"A", "X(A)", "X/A", "X@A", "Xé", "X\r\nA", "a".repeat(257)}) {
            assertThat(CustomHeaders.nameProblem(bad)).as(bad).isPresent();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"webhook-id", "Webhook-Signature", "WEBHOOK-TIMESTAMP", "webhook-anything", "Content-Type",
            "content-length", "Host", "User-Agent", "Transfer-Encoding", "Connection", "TE", "Upgrade", "Expect"})
    void shouldRefuseNamesThePlatformSets(String name) {
        assertThat(CustomHeaders.nameProblem(name)).get().asString().contains("set by the platform");
    }

    @Test
    void shouldNeverQuoteTheValueButEscapeAnOddName() {
        assertThat(CustomHeaders.problem("X-A", "s3cr3t\n")).get().asString().doesNotContain("s3cr3t");
        assertThat(CustomHeaders.problem("X\nA", "v")).get().asString().contains("X\\u000AA");
    }
}
