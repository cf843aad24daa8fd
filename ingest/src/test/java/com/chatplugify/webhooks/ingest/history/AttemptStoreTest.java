package com.chatplugify.webhooks.ingest.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.ingest.paging.ListPosition;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AttemptStoreTest {

    private static final Instant T0 = Instant.parse("2024-01-15T10:00:00Z");
    private static final long ONE_MIB = 1L << 20;

    private int offset;

    @Test
    void shouldPageAWebhooksAttemptsNewestFirstWithACursor() {
        AttemptStore store = new AttemptStore(new HistoryLimits(200, ONE_MIB, 100));
        for (int i = 0; i < 5; i++) {
            store.add(attempt("webhook_1", "evt_" + i, i, DeliveryAttempt.DELIVERED));
        }

        AttemptPage first = store.ofWebhook("webhook_1", "ws_1", Set.of(), 2, null);
        AttemptPage second = store.ofWebhook("webhook_1", "ws_1", Set.of(), 2, first.next());
        AttemptPage last = store.ofWebhook("webhook_1", "ws_1", Set.of(), 2, ListPosition.decode(second.next().encode()));

        assertThat(eventIds(first)).containsExactly("evt_4", "evt_3");
        assertThat(eventIds(second)).containsExactly("evt_2", "evt_1");
        assertThat(eventIds(last)).containsExactly("evt_0");
        assertThat(last.next()).isNull();
    }

    @Test
    void shouldOrderByAttemptTimeWhateverTheOrderTheyArriveIn() {
        AttemptStore store = new AttemptStore(new HistoryLimits(200, ONE_MIB, 100));
        store.add(attempt("webhook_1", "evt_late", 10, DeliveryAttempt.DELIVERED));
        store.add(attempt("webhook_1", "evt_early", 5, DeliveryAttempt.DELIVERED));

        assertThat(eventIds(store.ofWebhook("webhook_1", "ws_1", Set.of(), 10, null))).containsExactly("evt_late", "evt_early");
    }

    @Test
    void shouldFilterByOutcome() {
        AttemptStore store = new AttemptStore(new HistoryLimits(200, ONE_MIB, 100));
        store.add(attempt("webhook_1", "evt_1", 1, DeliveryAttempt.FAILED));
        store.add(attempt("webhook_1", "evt_1", 2, DeliveryAttempt.DELIVERED));
        store.add(attempt("webhook_1", "evt_2", 3, DeliveryAttempt.REFUSED));

        AttemptPage failures = store.ofWebhook("webhook_1", "ws_1", Set.of(DeliveryAttempt.FAILED, DeliveryAttempt.REFUSED), 1, null);

        assertThat(eventIds(failures)).containsExactly("evt_2");
        assertThat(eventIds(store.ofWebhook("webhook_1", "ws_1", Set.of(DeliveryAttempt.FAILED, DeliveryAttempt.REFUSED), 1,
                failures.next()))).containsExactly("evt_1");
    }

    @Test
    void shouldKeepTheNewestAttemptsOfAWebhookAndForgetTheirEventsWithThem() {
        AttemptStore store = new AttemptStore(new HistoryLimits(3, ONE_MIB, 100));
        for (int i = 0; i < 5; i++) {
            store.add(attempt("webhook_1", "evt_" + i, i, DeliveryAttempt.DELIVERED));
        }

        assertThat(eventIds(store.ofWebhook("webhook_1", "ws_1", Set.of(), 10, null))).containsExactly("evt_4", "evt_3", "evt_2");
        assertThat(store.ofEvent("evt_1", null)).isEmpty();
        assertThat(store.ofEvent("evt_2", null)).hasSize(1);
    }

    @Test
    void shouldListAnEventsAttemptsAcrossWebhooksNewestFirst() {
        AttemptStore store = new AttemptStore(new HistoryLimits(200, ONE_MIB, 100));
        store.add(attempt("webhook_1", "evt_1", 1, DeliveryAttempt.FAILED));
        store.add(attempt("webhook_2", "evt_1", 2, DeliveryAttempt.DELIVERED));
        store.add(attempt("webhook_1", "evt_2", 3, DeliveryAttempt.DELIVERED));

        assertThat(store.ofEvent("evt_1", null)).extracting(recorded -> recorded.attempt().webhookId())
                .containsExactly("webhook_2", "webhook_1");
        assertThat(store.ofEvent("evt_unknown", null)).isEmpty();
    }

    @Test
    void shouldPageAnEventsAttemptsNewestFirstFromWhereThePreviousPageEnded() {
        AttemptStore store = new AttemptStore(new HistoryLimits(200, ONE_MIB, 100));
        for (int i = 0; i < 3; i++) {
            store.add(attempt("webhook_" + i, "evt_1", i, DeliveryAttempt.DELIVERED));
        }

        AttemptPage first = store.ofEvent("evt_1", null, 2, null);
        AttemptPage last = store.ofEvent("evt_1", null, 2, ListPosition.decode(first.next().encode()));

        assertThat(first.attempts()).extracting(recorded -> recorded.attempt().webhookId())
                .containsExactly("webhook_2", "webhook_1");
        assertThat(last.attempts()).extracting(recorded -> recorded.attempt().webhookId()).containsExactly("webhook_0");
        assertThat(last.next()).isNull();
    }

    @Test
    void shouldStayWithinItsByteBudgetForgettingTheOldestAttemptsFirst() {
        AttemptStore store = new AttemptStore(new HistoryLimits(1000, ONE_MIB, 100));
        String body = "x".repeat(DeliveryAttempt.MAX_RESPONSE_BODY_BYTES);
        for (int i = 0; i < 1000; i++) {
            store.add(withBody(attempt("webhook_" + (i % 10), "evt_" + i, i, DeliveryAttempt.FAILED), body));
        }

        assertThat(store.bytes()).isLessThanOrEqualTo(ONE_MIB);
        assertThat(store.ofEvent("evt_0", null)).isEmpty();
        assertThat(store.ofEvent("evt_999", null)).hasSize(1);
        int kept = 0;
        for (int w = 0; w < 10; w++) {
            kept += store.ofWebhook("webhook_" + w, "ws_1", Set.of(), 1000, null).attempts().size();
        }
        assertThat(kept).isBetween(150, 260);
    }

    @Test
    void shouldHoldOnlyTheAttemptsItLists() {
        AttemptStore store = new AttemptStore(new HistoryLimits(3, ONE_MIB, 2));
        for (int i = 0; i < 100_000; i++) {
            store.add(attempt("webhook_" + (i % 2), "evt_" + i, i, DeliveryAttempt.DELIVERED));
        }
        assertThat(store.bytes()).isEqualTo(listedBytes(store, "webhook_0", "webhook_1"));

        store.add(attempt("webhook_2", "evt_webhook_2", 0, DeliveryAttempt.DELIVERED));
        assertThat(store.bytes()).as("webhook_0, idle the longest, forgotten")
                .isEqualTo(listedBytes(store, "webhook_1", "webhook_2"));

        store.forget("webhook_1");
        assertThat(store.bytes()).isEqualTo(listedBytes(store, "webhook_2"));

        store.forget("webhook_2");
        assertThat(store.bytes()).isZero();
    }

    @Test
    void shouldForgetTheWebhookWithoutAttemptsForTheLongestBeyondItsLimit() {
        AttemptStore store = new AttemptStore(new HistoryLimits(200, ONE_MIB, 2));
        store.add(attempt("webhook_1", "evt_1", 1, DeliveryAttempt.DELIVERED));
        store.add(attempt("webhook_2", "evt_2", 2, DeliveryAttempt.DELIVERED));
        store.add(attempt("webhook_1", "evt_3", 3, DeliveryAttempt.DELIVERED));
        store.add(attempt("webhook_3", "evt_4", 4, DeliveryAttempt.DELIVERED));

        assertThat(store.ofWebhook("webhook_2", "ws_1", Set.of(), 10, null).attempts()).isEmpty();
        assertThat(store.ofEvent("evt_2", null)).isEmpty();
        assertThat(store.stats("webhook_2", "ws_1", T0).attempts()).isZero();
        assertThat(store.ofWebhook("webhook_1", "ws_1", Set.of(), 10, null).attempts()).hasSize(2);
    }

    @Test
    void shouldForgetADeletedWebhook() {
        AttemptStore store = new AttemptStore(new HistoryLimits(200, ONE_MIB, 100));
        store.add(attempt("webhook_1", "evt_1", 1, DeliveryAttempt.DELIVERED));

        store.forget("webhook_1");

        assertThat(store.ofWebhook("webhook_1", "ws_1", Set.of(), 10, null).attempts()).isEmpty();
        assertThat(store.ofEvent("evt_1", null)).isEmpty();
    }

    @Test
    void shouldGiveTheStatsWithTheNewestAttempt() {
        AttemptStore store = new AttemptStore(new HistoryLimits(200, ONE_MIB, 100));
        store.add(attempt("webhook_1", "evt_1", 1, DeliveryAttempt.FAILED));
        store.add(attempt("webhook_1", "evt_2", 2, DeliveryAttempt.DELIVERED));

        WebhookStats stats = store.stats("webhook_1", "ws_1", T0.plusSeconds(60));

        assertThat(stats.attempts()).isEqualTo(2);
        assertThat(stats.successRate()).isEqualTo(0.5);
        assertThat(stats.latest().attempt().eventId()).isEqualTo("evt_2");
        assertThat(store.stats("webhook_unknown", "ws_1", T0).latest()).isNull();
    }

    private RecordedAttempt attempt(String webhookId, String eventId, int second, String outcome) {
        return new RecordedAttempt("0-" + offset++, new DeliveryAttempt(webhookId, "ws_1", eventId, "task.created", 1,
                T0.plusSeconds(second), outcome, DeliveryAttempt.DELIVERED.equals(outcome) ? 200 : null, null, 10,
                null, 0, null));
    }

    private static RecordedAttempt withBody(RecordedAttempt recorded, String body) {
        DeliveryAttempt a = recorded.attempt();
        return new RecordedAttempt(recorded.id(), new DeliveryAttempt(a.webhookId(), a.workspaceId(), a.eventId(),
                a.eventType(), a.attempt(), a.attemptedAt(), a.outcome(), 500, "HTTP 500", a.latencyMs(), body, 0, null));
    }

    private static long listedBytes(AttemptStore store, String... webhookIds) {
        long bytes = 0;
        for (String webhookId : webhookIds) {
            List<RecordedAttempt> listed = store.ofWebhook(webhookId, "ws_1", Set.of(), 1000, null).attempts();
            assertThat(listed).as(webhookId).isNotEmpty();
            for (RecordedAttempt attempt : listed) {
                bytes += attempt.estimatedBytes();
            }
        }
        return bytes;
    }

    private static List<String> eventIds(AttemptPage page) {
        List<String> ids = new ArrayList<>();
        page.attempts().forEach(recorded -> ids.add(recorded.attempt().eventId()));
        return ids;
    }
}
