package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import java.util.Optional;

/** Whether a webhook can take a replayed delivery now: a deleted or disabled one would only drop or re-park it. */
@FunctionalInterface
public interface ReplayTargets {

    String WEBHOOK_DELETED = "webhook_deleted";
    String WEBHOOK_DISABLED = "webhook_disabled";

    /** Why deliveries to {@code webhookId} are not replayed now, or empty when they are. */
    Optional<String> refusal(String webhookId);

    /** The webhooks as {@code view} shows them. */
    static ReplayTargets of(SubscriptionView view) {
        return webhookId -> {
            Optional<Subscription> webhook = view.get(webhookId);
            if (webhook.isEmpty()) {
                return Optional.of(WEBHOOK_DELETED);
            }
            return webhook.get().enabled() ? Optional.empty() : Optional.of(WEBHOOK_DISABLED);
        };
    }
}
