package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.model.Delivery;
import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.subscriptions.SubscriptionView;
import java.util.Optional;

/**
 * Whether a webhook can take a replayed delivery now. The deliverer drops a delivery whose webhook is deleted or now
 * belongs to another workspace, and re-parks one of a disabled webhook: replaying it would mark the dead letter
 * replayed for nothing, and the first two would lose it for good.
 */
@FunctionalInterface
public interface ReplayTargets {

    String WEBHOOK_DELETED = "webhook_deleted";
    /** The webhook id now belongs to another workspace than the delivery's: moved, or deleted and taken again. */
    String WEBHOOK_MOVED = "webhook_moved";
    String WEBHOOK_DISABLED = "webhook_disabled";

    /** Why {@code delivery} is not replayed now, or empty when it is. */
    Optional<String> refusal(Delivery delivery);

    /** The webhooks as {@code view} shows them; the API's replay and {@code bin/webhooks replay} both decide so. */
    static ReplayTargets of(SubscriptionView view) {
        return delivery -> {
            Optional<Subscription> webhook = view.get(delivery.webhookId());
            if (webhook.isEmpty()) {
                return Optional.of(WEBHOOK_DELETED);
            }
            // The workspace first, as the deliverer checks it: another workspace's webhook is gone from this one's view.
            if (!webhook.get().workspaceId().equals(delivery.workspaceId())) {
                return Optional.of(WEBHOOK_MOVED);
            }
            return webhook.get().enabled() ? Optional.empty() : Optional.of(WEBHOOK_DISABLED);
        };
    }
}
