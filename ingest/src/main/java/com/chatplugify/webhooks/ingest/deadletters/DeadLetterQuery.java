package com.chatplugify.webhooks.ingest.deadletters;

import com.chatplugify.webhooks.common.model.DeadLetterReason;
import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.EventTypes;
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

    /** What is wrong with the filters, in words; empty when they are usable. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (event != null && !EventTypes.isKnown(event)) {
            EventFilter.problem(event).ifPresent(problems::add);
        }
        if (reason != null && !DeadLetterReason.isKnown(reason)) {
            problems.add("'reason' takes " + String.join(", ", DeadLetterReason.codes()) + "; not '" + reason + "'");
        }
        if (from != null && to != null && !from.isBefore(to)) {
            problems.add("'from' must be before 'to'");
        }
        return problems;
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
