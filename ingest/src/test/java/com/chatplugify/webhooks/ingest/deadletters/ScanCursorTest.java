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
    @ValueSource(strings = {"!!", "", "0:1", "0:1,x", "-1:5", "1:-5", "1:2:3"})
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
}
