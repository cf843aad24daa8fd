package com.chatplugify.webhooks.common.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.EventValidator.Invalid;
import com.chatplugify.webhooks.common.model.EventValidator.Valid;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class EventValidatorTest {

    private static final Instant NOW = Instant.parse("2024-01-15T10:30:00Z");

    @Test
    void shouldAcceptAFullEnvelope() {
        EventValidator.Result result = validate("""
                {"id":"evt_1","event":"conversation.created","timestamp":"2024-01-15T11:30:00+01:00",
                 "workspaceId":"ws_456","data":{"id":"conv_123","amount":1.10}}""");

        assertThat(result).isInstanceOfSatisfying(Valid.class, valid -> {
            assertThat(valid.event().id()).isEqualTo("evt_1");
            assertThat(valid.event().timestamp()).isEqualTo(NOW);
            assertThat(valid.event().data().toString()).isEqualTo("{\"id\":\"conv_123\",\"amount\":1.10}");
        });
    }

    @Test
    void shouldAssignIdAndTimestampWhenAbsent() {
        EventValidator.Result result = validate("{\"event\":\"task.created\",\"workspaceId\":\"ws\",\"data\":{}}");

        assertThat(result).isInstanceOfSatisfying(Valid.class, valid -> {
            assertThat(valid.event().id()).isEqualTo("evt_assigned");
            assertThat(valid.event().timestamp()).isEqualTo(NOW);
        });
    }

    @Test
    void shouldReportEveryViolation() {
        EventValidator.Result result = validate("{\"event\":\"task.archived\",\"workspaceId\":7,\"data\":[],\"timestamp\":\"yesterday\"}");

        assertThat(result).isInstanceOfSatisfying(Invalid.class, invalid -> assertThat(invalid.violations())
                .extracting(Violation::reason)
                .containsExactly(Violation.UNKNOWN_EVENT_TYPE, Violation.WRONG_TYPE, Violation.DATA_NOT_OBJECT,
                        Violation.INVALID_TIMESTAMP));
    }

    @Test
    void shouldNameMissingFields() {
        assertThat(validate("{}")).isInstanceOfSatisfying(Invalid.class, invalid -> assertThat(invalid.violations())
                .extracting(Violation::field).containsExactly("event", "workspaceId", "data"));
    }

    @Test
    void shouldRefuseWhatIsNotAnObjectOrNotJson() {
        assertThat(reason("[1,2]")).isEqualTo(Violation.NOT_AN_OBJECT);
        assertThat(reason("{\"event\":")).isEqualTo(Violation.NOT_JSON);
        assertThat(reason("\u00ff\u00fe")).isEqualTo(Violation.NOT_JSON);
    }

    @Test
    void shouldRefuseTestEventsFromUpstream() {
        assertThat(reason("{\"event\":\"webhook.test\",\"workspaceId\":\"ws\",\"data\":{}}"))
                .isEqualTo(Violation.UNKNOWN_EVENT_TYPE);
    }

    @Test
    void shouldRefuseEventsOver256KiB() {
        String big = "{\"event\":\"task.created\",\"workspaceId\":\"ws\",\"data\":{\"x\":\"" + "a".repeat(256 * 1024) + "\"}}";

        assertThat(reason(big)).isEqualTo(Violation.TOO_LARGE);
    }

    @Test
    void shouldRefuseEventsNestedDeeperThan64Levels() {
        int limit = EventValidator.MAX_NESTING_DEPTH;
        assertThat(validate(nested(limit, "{\"a\":", "}"))).isInstanceOf(Valid.class);
        assertThat(validate(nested(limit, "[", "]"))).isInstanceOf(Valid.class);
        assertThat(reason(nested(limit + 1, "{\"a\":", "}"))).isEqualTo(Violation.TOO_DEEP);
        assertThat(reason(nested(limit + 1, "[", "]"))).isEqualTo(Violation.TOO_DEEP);
        assertThat(reason(nested(1000, "[", "]"))).as("deeper than our own writer goes, yet readable").isEqualTo(Violation.TOO_DEEP);
    }

    /** An event {@code depth} levels deep in all: the envelope, then {@code data} and what it nests. */
    private static String nested(int depth, String open, String close) {
        int inside = depth - 2;
        return "{\"event\":\"task.created\",\"workspaceId\":\"ws\",\"data\":{\"x\":" + open.repeat(inside)
                + "1" + close.repeat(inside) + "}}";
    }

    @Test
    void shouldRefuseIdentifiersWithSpacesOrTooLong() {
        assertThat(reason("{\"event\":\"task.created\",\"workspaceId\":\"w s\",\"data\":{}}")).isEqualTo(Violation.INVALID_VALUE);
        assertThat(reason("{\"id\":\"" + "x".repeat(129) + "\",\"event\":\"task.created\",\"workspaceId\":\"ws\",\"data\":{}}"))
                .isEqualTo(Violation.INVALID_VALUE);
    }

    @Test
    void shouldRefuseTimestampsBefore1970OrMoreThanADayAfterNow() {
        assertThat(reason(timestamped("1700-01-01T00:00:00Z"))).isEqualTo(Violation.INVALID_TIMESTAMP);
        assertThat(reason(timestamped("-999999999-01-01T00:00:00Z"))).isEqualTo(Violation.INVALID_TIMESTAMP);
        assertThat(reason(timestamped("1969-12-31T23:59:59.999Z"))).isEqualTo(Violation.INVALID_TIMESTAMP);
        assertThat(reason(timestamped("2024-01-16T10:30:00.001Z"))).isEqualTo(Violation.INVALID_TIMESTAMP);
        assertThat(reason(timestamped("+999999999-12-31T23:59:59Z"))).isEqualTo(Violation.INVALID_TIMESTAMP);
        assertThat(validate(timestamped("1970-01-01T00:00:00Z"))).isInstanceOf(Valid.class);
        assertThat(validate(timestamped("2024-01-16T10:30:00Z"))).isInstanceOf(Valid.class);
    }

    @Test
    void shouldSayWhichTimestampsAreAcceptedWhenRefusingOne() {
        assertThat(validate(timestamped("1700-01-01T00:00:00Z"))).isInstanceOfSatisfying(Invalid.class, invalid ->
                assertThat(invalid.violations()).singleElement().satisfies(violation -> {
                    assertThat(violation.field()).isEqualTo("timestamp");
                    assertThat(violation.message()).contains("1970-01-01T00:00:00Z", "2024-01-16T10:30:00Z",
                            "1700-01-01T00:00:00Z");
                }));
    }

    private static String timestamped(String timestamp) {
        return "{\"event\":\"task.created\",\"workspaceId\":\"ws\",\"timestamp\":\"" + timestamp + "\",\"data\":{}}";
    }

    private static EventValidator.Result validate(String json) {
        return EventValidator.validate(json.getBytes(StandardCharsets.UTF_8), () -> "evt_assigned", () -> NOW, NOW);
    }

    private static String reason(String json) {
        EventValidator.Result result = validate(json);
        assertThat(result).isInstanceOf(Invalid.class);
        return ((Invalid) result).reason();
    }
}
