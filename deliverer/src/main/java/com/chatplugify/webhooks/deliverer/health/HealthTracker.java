package com.chatplugify.webhooks.deliverer.health;

import com.chatplugify.webhooks.common.json.JsonSerde;
import com.chatplugify.webhooks.common.kafka.Topics;
import com.chatplugify.webhooks.common.logging.LogContext;
import com.chatplugify.webhooks.common.model.DeliveryAttempt;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import com.chatplugify.webhooks.common.operations.OperationalEventMetrics;
import com.chatplugify.webhooks.common.subscriptions.CommandCodec;
import com.chatplugify.webhooks.common.subscriptions.DisableReason;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionCommand;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionRecords;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows each webhook's subscription and attempts (both keyed by webhook id, so one task sees all of a webhook) and
 * decides, in one place, what its failures mean: a failure starts or extends its streak, a success ends it; a streak
 * long enough writes {@code webhook.failing}, then asks the subscriptions' owner to disable the webhook at its
 * current version; the success that ends an announced streak writes {@code webhook.recovered}. Enabling the webhook
 * again, or pointing it at another URL, ends its streak; deleting it forgets it.
 *
 * <p>Decisions are taken on the attempts' own times, in the order they were recorded, so that a restart (the store is
 * restored from its changelog) or another instance decides the same.
 */
final class HealthTracker implements Processor<String, byte[], String, byte[]> {

    private static final Logger log = LoggerFactory.getLogger(HealthTracker.class);

    private final HealthOptions options;
    private final CommandCodec commands;
    private final OperationalEventMetrics metrics;
    private final JsonSerde<DeliveryAttempt> attempts = new JsonSerde<>(DeliveryAttempt.class);
    private final JsonSerde<OperationalEvent> events = new JsonSerde<>(OperationalEvent.class);
    private ProcessorContext<String, byte[]> context;
    private HealthStore store;

    HealthTracker(HealthOptions options, CommandCodec commands, OperationalEventMetrics metrics) {
        this.options = options;
        this.commands = commands;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, byte[]> context) {
        this.context = context;
        this.store = new HealthStore(context.getStateStore(HealthTopology.WEBHOOK_HEALTH));
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        String topic = context.recordMetadata().map(m -> m.topic()).orElse("");
        if (Topics.SUBSCRIPTIONS.equals(topic)) {
            subscriptionChanged(record.key(), record.value());
        } else {
            attempted(record.key(), record.value());
        }
    }

    private void subscriptionChanged(String webhookId, byte[] value) {
        if (value == null) {
            store.delete(webhookId);
            return;
        }
        SubscriptionRecords.Read read = SubscriptionRecords.read(webhookId, value);
        if (!read.valid()) {
            return; // the router refuses it to chatplugify.subscriptions.invalid, and the views ignore it
        }
        Subscription subscription = read.subscription();
        WebhookHealth previous = store.get(webhookId);
        boolean enabled = subscription.enabled();
        String url = subscription.url();
        FailureStreak streak = previous == null ? null : previous.streak();
        if (streak != null && (enabled && !previous.enabled() || !url.equals(previous.url()))) {
            streak = null; // enabled again, or pointed elsewhere: a fresh start
        } else if (streak != null && streak.disableAsked() && enabled && subscription.version() != previous.version()) {
            streak = streak.withDisableAsked(false); // changed before the disable applied: ask again at this version
        }
        store.put(webhookId, new WebhookHealth(subscription.workspaceId(), subscription.version(), enabled, url,
                streak));
    }

    private void attempted(String webhookId, byte[] value) {
        DeliveryAttempt attempt;
        try {
            attempt = attempts.deserialize(Topics.DELIVERY_ATTEMPTS, value);
        } catch (SerializationException e) {
            return;
        }
        WebhookHealth health = store.get(webhookId);
        if (attempt == null || health == null) {
            return; // deleted, or never a webhook of ours
        }
        if (DeliveryAttempt.DELIVERED.equals(attempt.outcome())) {
            succeeded(webhookId, health, attempt);
        } else if (health.enabled()) {
            failed(webhookId, health, attempt);
        }
    }

    private void succeeded(String webhookId, WebhookHealth health, DeliveryAttempt attempt) {
        FailureStreak streak = health.streak();
        if (streak == null || attempt.attemptedAt().isBefore(streak.since())) {
            return;
        }
        if (streak.announced() || streak.disableAsked()) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("failingSince", streak.since().toString());
            data.put("failures", streak.failures());
            data.put("recoveredAt", attempt.attemptedAt().toString());
            emit(OperationalEvent.of(OperationalEvent.WEBHOOK_RECOVERED, attempt.attemptedAt(), health.workspaceId(),
                    webhookId, data));
        }
        store.put(webhookId, health.withStreak(null));
    }

    private void failed(String webhookId, WebhookHealth health, DeliveryAttempt attempt) {
        FailureStreak streak = health.streak() == null
                ? FailureStreak.startedBy(attempt.attemptedAt(), attempt.status(), attempt.error())
                : health.streak().failedAgain(attempt.attemptedAt(), attempt.status(), attempt.error());
        if (!streak.announced() && streak.failures() >= options.failureThreshold()
                && streak.duration().compareTo(options.failingAfter()) >= 0) {
            Map<String, Object> data = new LinkedHashMap<>();
            data.put("failingSince", streak.since().toString());
            data.put("failures", streak.failures());
            data.put("lastStatus", streak.lastStatus());
            data.put("lastError", streak.lastError());
            emit(OperationalEvent.of(OperationalEvent.WEBHOOK_FAILING, attempt.attemptedAt(), health.workspaceId(),
                    webhookId, data));
            streak = streak.withAnnounced();
        }
        if (!streak.disableAsked() && streak.duration().compareTo(options.autoDisableAfter()) >= 0) {
            SubscriptionCommand disable = SubscriptionCommand.disable(webhookId, health.version(),
                    DisableReason.ENDPOINT_FAILING);
            context.forward(new Record<>(webhookId, commands.encode(disable), context.currentSystemTimeMs()),
                    HealthTopology.COMMANDS_SINK);
            FailureStreak asked = streak;
            LogContext.webhook(webhookId).run(() -> log.warn(
                    "Webhook failing since {} ({} failed attempts, no success): asking to disable it at version {}",
                    asked.since(), asked.failures(), health.version()));
            streak = streak.withDisableAsked(true);
        }
        store.put(webhookId, health.withStreak(streak));
    }

    private void emit(OperationalEvent event) {
        context.forward(new Record<>(event.webhookId(), events.serialize(Topics.OPERATIONAL_EVENTS, event),
                event.timestamp().toEpochMilli()), HealthTopology.EVENTS_SINK);
        metrics.written(event);
    }
}
