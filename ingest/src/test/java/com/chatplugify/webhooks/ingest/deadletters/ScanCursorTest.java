package com.chatplugify.webhooks.ingest.deadletters;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ScanCursorTest {

    @Test
    void shouldReadBackWhatItWrote() {
        ScanCursor cursor = new ScanCursor(Map.of(0, 12L, 1, 0L, 5, 9_000_000_000L));

        assertThat(ScanCursor.decode(cursor.encode())).isEqualTo(cursor);
        assertThat(cursor.encode()).matches("[A-Za-z0-9_-]+");
    }

    @ParameterizedTest
    @ValueSource(strings = {"!!", "", "0:1", "0:1,x", "-1:5", "1:-5", "1:2:3", "0:0,0:5", "0:0,1:3,0:0"})
    void shouldRefuseWhatItDidNotWrite(String text) {
        String encoded = text.equals("!!") ? text
                : Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
        if (text.equals("0:1")) {
            assertThat(ScanCursor.decode(encoded).positions()).containsEntry(0, 1L);
            assertThatThrownBy(() -> ScanCursor.decode("0:1")).isInstanceOf(IllegalArgumentException.class);
            return;
        }
        assertThatThrownBy(() -> ScanCursor.decode(encoded)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a cursor");
    }

    @Test
    void shouldRefuseAPartitionTheTopicDoesNotHaveAndAnOffsetPastAPartitionsEnd() {
        Map<Integer, Long> ends = Map.of(0, 10L, 1, 20L);

        assertThatThrownBy(() -> new ScanCursor(Map.of(0, 5L, 2, 0L)).checkAgainst(ends))
                .isInstanceOf(InvalidCursorException.class).hasMessageContaining("not a cursor from this API")
                .hasMessageContaining("no partition 2");
        assertThatThrownBy(() -> new ScanCursor(Map.of(0, 11L, 1, 0L)).checkAgainst(ends))
                .isInstanceOf(InvalidCursorException.class).hasMessageContaining("not a cursor from this API")
                .hasMessageContaining("offset 11 is past the end (10) of partition 0");
        assertThatThrownBy(() -> new ScanCursor(Map.of(0, Long.MAX_VALUE)).checkAgainst(ends))
                .isInstanceOf(InvalidCursorException.class);
    }

    @Test
    void shouldAcceptOffsetsUpToTheEndsAndLackPartitionsAddedSince() {
        Map<Integer, Long> ends = Map.of(0, 10L, 1, 20L, 2, 5L);

        new ScanCursor(Map.of(0, 10L, 1, 0L)).checkAgainst(ends);
        new ScanCursor(Map.of()).checkAgainst(ends);
    }
}
