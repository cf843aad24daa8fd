package com.chatplugify.webhooks.common.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IsoInstantsTest {

    @ParameterizedTest
    @ValueSource(strings = {"2024-01-15T10:30:00Z", "2024-01-15T10:30:00.1Z", "2024-01-15T10:30:00.123Z",
            "2024-01-15T10:30:00.123456789Z", "2024-02-29T23:59:59.999999999Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59Z", "1969-12-31T23:59:59.5Z", "2024-01-15T10:30Z", "2024-01-15t10:30:00z",
            "2024-01-15T10:30:00+02:00", "2024-01-15T10:30:00.5-05:30", "+12024-01-15T10:30:00Z"})
    void shouldReadWhatOffsetDateTimeReads(String text) {
        assertThat(IsoInstants.parse(text)).isEqualTo(OffsetDateTime.parse(text).toInstant());
    }

    @ParameterizedTest
    @ValueSource(strings = {"2023-02-29T10:30:00Z", "2024-13-01T10:30:00Z", "2024-01-32T10:30:00Z",
            "2024-01-15T24:00:00Z", "2024-01-15T10:60:00Z", "2024-01-15T23:59:60Z", "2024-01-15T10:30:00",
            "2024-01-15 10:30:00Z", "2024-01-15T10:30:00.1234567890Z", "2024-01-15T1O:30:00Z", "20240115T103000Z",
            "2024-01-15T10:30:00.12a4Z", "", "yesterday"})
    void shouldRefuseWhatOffsetDateTimeRefuses(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> IsoInstants.parse(text)).isInstanceOf(DateTimeParseException.class);
    }

    @Test
    void shouldReadEveryInstantAsJavaTimeWritesIt() {
        Random random = new Random(42);
        for (int i = 0; i < 10_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextInt(Integer.MAX_VALUE) * (random.nextBoolean() ? 1L : -1L),
                    i % 3 == 0 ? 0 : random.nextInt(1_000_000_000));
            assertThat(IsoInstants.parseUtc(instant.toString())).as(instant.toString()).isEqualTo(instant);
        }
    }

    @Test
    void shouldReadInstantsInJsonTheFastWayAndOtherShapesAsBefore() throws Exception {
        assertThat(Json.mapper().readValue("\"2024-01-15T10:30:00.123Z\"", Instant.class))
                .isEqualTo(Instant.parse("2024-01-15T10:30:00.123Z"));
        assertThat(Json.mapper().readValue("\"2024-01-15T12:30:00+02:00\"", Instant.class))
                .isEqualTo(Instant.parse("2024-01-15T10:30:00Z"));
        assertThat(Json.mapper().readValue("1705314600.5", Instant.class))
                .isEqualTo(Instant.parse("2024-01-15T10:30:00.5Z"));
    }
}
