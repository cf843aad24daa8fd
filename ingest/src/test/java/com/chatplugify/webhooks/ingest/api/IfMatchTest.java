package com.chatplugify.webhooks.ingest.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class IfMatchTest {

    @Test
    void shouldReadTheVersionOfAStrongTag() {
        assertThat(IfMatch.version("\"7\"")).isEqualTo(7);
        assertThat(IfMatch.version(" \"12\" ")).isEqualTo(12);
        assertThat(IfMatch.etag(7)).isEqualTo("\"7\"");
    }

    @Test
    void shouldAskForNoVersionWithoutATagOrWithTheWildcard() {
        assertThat(IfMatch.version((String) null)).isNull();
        assertThat(IfMatch.version("")).isNull();
        assertThat(IfMatch.version("*")).isNull();
    }

    @Test
    void shouldMatchNoVersionWithAWeakTagOrATagThatIsNotOurs() {
        assertThat(IfMatch.version("W/\"7\"")).isNegative();
        assertThat(IfMatch.version("\"abc\"")).isNegative();
        assertThat(IfMatch.version("\"\"")).isNegative();
        assertThat(IfMatch.version("\"99999999999999999999\"")).isNegative();
    }

    @Test
    void shouldCompareTagsAsStringsNotAsNumbers() {
        assertThat(IfMatch.version("\"01\"")).isNegative();
        assertThat(IfMatch.version("\"+1\"")).isNegative();
        assertThat(IfMatch.version("\"0\"")).isZero();
    }

    @Test
    void shouldRefuseWhatIsNotOneTag() {
        for (String malformed : new String[] {"7", "\"7", "\"1\", \"2\"", "\"2\"\"",
            "\"1 2\"", "W/7", "W/\"7"}) {
            assertThatThrownBy(() -> IfMatch.version(malformed)).isInstanceOfSatisfying(ApiException.class, e -> {
                assertThat(e.status()).isEqualTo(400);
                assertThat(e.error()).isEqualTo("invalid_header");
                assertThat(e.detail().toString()).contains("If-Match");
            });
        }
    }
}
