package com.chatplugify.webhooks.deliverer.attempt;

import com.chatplugify.webhooks.common.metrics.WebhookMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed attempts per webhook over the last five minutes, exported for the {@link #TOP} webhooks that failed most
 * as {@code webhook_endpoint_recent_failures{webhook_id}}: what the dashboard's "top failing webhooks" shows, with a
 * label whose cardinality stays bounded however many webhooks fail. Counts are kept in one-minute buckets, so the
 * window is the current minute and the four before it; {@link #publish()} refreshes the exported rows.
 */
public final class RecentFailures implements MeterBinder {

    /** How many webhooks are exported. */
    public static final int TOP = 10;
    private static final int MINUTES = 5;
    private static final long MINUTE_MILLIS = 60_000;

    private final Clock clock;
    private final ConcurrentHashMap<String, Window> byWebhook = new ConcurrentHashMap<>();
    private volatile MultiGauge gauge;

    public RecentFailures(Clock clock) {
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge = MultiGauge.builder(WebhookMetrics.WEBHOOK_RECENT_FAILURES)
                .description("Failed attempts in the last 5 minutes of the webhooks failing most in this deliverer")
                .register(registry);
    }

    /** Counts a failed attempt of the webhook now. */
    public void failed(String webhookId) {
        long minute = minute();
        byWebhook.compute(webhookId, (id, window) -> {
            Window counted = window != null ? window : new Window();
            counted.add(minute);
            return counted;
        });
    }

    /** Forgets the webhook's failures: another instance delivers it now, and counts them. */
    public void forget(String webhookId) {
        byWebhook.remove(webhookId);
    }

    /** The webhooks with the most failures in the window, most first, at most {@link #TOP}; forgets stale counts. */
    public List<Map.Entry<String, Long>> top() {
        long minute = minute();
        for (String webhookId : byWebhook.keySet()) {
            byWebhook.computeIfPresent(webhookId, (id, window) -> window.total(minute) == 0 ? null : window);
        }
        return byWebhook.entrySet().stream()
                .map(entry -> Map.entry(entry.getKey(), entry.getValue().total(minute)))
                .filter(entry -> entry.getValue() > 0)
                .sorted(Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                        .thenComparing(Map.Entry.comparingByKey()))
                .limit(TOP)
                .toList();
    }

    /** Replaces the exported rows with the current {@link #top()}. */
    public void publish() {
        MultiGauge exported = gauge;
        if (exported != null) {
            exported.register(top().stream()
                    .map(entry -> MultiGauge.Row.of(Tags.of("webhook_id", entry.getKey()), entry.getValue()))
                    .toList(), true);
        }
    }

    private long minute() {
        return clock.millis() / MINUTE_MILLIS;
    }

    /** One webhook's failures in the last {@link #MINUTES} minutes, a bucket a minute. */
    private static final class Window {

        private final long[] minutes = new long[MINUTES];
        private final long[] counts = new long[MINUTES];

        synchronized void add(long minute) {
            int slot = (int) (minute % MINUTES);
            if (minutes[slot] != minute) {
                minutes[slot] = minute;
                counts[slot] = 0;
            }
            counts[slot]++;
        }

        synchronized long total(long minute) {
            long total = 0;
            for (int slot = 0; slot < MINUTES; slot++) {
                if (minute - minutes[slot] < MINUTES) {
                    total += counts[slot];
                }
            }
            return total;
        }
    }
}
