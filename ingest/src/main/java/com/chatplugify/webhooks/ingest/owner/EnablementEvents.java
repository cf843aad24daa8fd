package com.chatplugify.webhooks.ingest.owner;

import com.chatplugify.webhooks.common.model.Subscription;
import com.chatplugify.webhooks.common.operations.OperationalEvent;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The operational event a change writes, if any: {@code webhook.disabled} when it disables an enabled webhook
 * (whoever asked: the API, a 410, a paused FIFO webhook, auto-disable), {@code webhook.enabled} when it enables a
 * disabled one. Creations and deletions write none.
 */
public final class EnablementEvents {

    /** The reason a webhook disabled through the API shows in its {@code webhook.disabled} event. */
    public static final String DISABLED_THROUGH_API = "api";

    private EnablementEvents() {
    }

    static Optional<OperationalEvent> of(Optional<Subscription> before, Decision decision, Instant now) {
        if (decision.write() != Decision.Write.PUT || before.isEmpty()) {
            return Optional.empty();
        }
        Subscription after = decision.webhook();
        boolean wasEnabled = before.get().enabled();
        if (wasEnabled == after.enabled()) {
            return Optional.empty();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        if (!after.enabled()) {
            data.put("reason", after.disabledReason() != null ? after.disabledReason() : DISABLED_THROUGH_API);
        }
        data.put("version", after.version());
        return Optional.of(OperationalEvent.of(after.enabled() ? OperationalEvent.WEBHOOK_ENABLED
                : OperationalEvent.WEBHOOK_DISABLED, now, after.workspaceId(), after.id(), data));
    }
}
