package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.EventTypes;
import com.chatplugify.webhooks.common.model.Violation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Which dead letters a listing or a replay concerns; every filter is optional.
 *
 * @param workspaceId the workspace of the dead letters' events; an unreadable dead letter belongs to none
 * @param webhookId the webhook's id
 * @param event     an event type, a family such as {@code task.*}, or {@code *}
 * @param reason    why they were dead-lettered, e.g. {@code retries_exhausted}
 * @param from      dead-lettered at or after this instant
 * @param to        dead-lettered before this instant
 */
public record DeadLetterQuery(String workspaceId, String webhookId, String event, String reason, Instant from, Instant to) {

    public static DeadLetterQuery all() {
        return new DeadLetterQuery(null, null, null, null, null, null);
    }

    /** What is wrong with the filters, each naming the one it is about; empty when they are usable. */
    public List<Violation> problems() {
        List<Violation> problems = new ArrayList<>();
        if (event != null && !EventTypes.isKnown(event)) {
            EventFilter.problem(event).ifPresent(problem -> problems.add(invalid("event", problem)));
        }
        if (reason != null && !DeadLetterReason.isKnown(reason)) {
            problems.add(invalid("reason", "'reason' takes " + String.join(", ", DeadLetterReason.codes()) + "; not '"
                    + reason + "'"));
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add(invalid("from", "'from' must be before 'to'"));
        }
        return problems;
    }

    private static Violation invalid(String field, String message) {
        return new Violation(Violation.INVALID_VALUE, field, message);
    }

    public boolean matches(DeadLetter entry) {
        return (workspaceId == null || entry.readable() && workspaceId.equals(entry.delivery().workspaceId()))
                && (webhookId == null || webhookId.equals(entry.webhookId()))
                && (event == null || (entry.eventType() != null && EventFilter.matches(event, entry.eventType())))
                && (reason == null || reason.equals(entry.reason()))
                && (from == null || !entry.deadLetteredAt().isBefore(from))
                && (to == null || entry.deadLetteredAt().isBefore(to));
    }
}
