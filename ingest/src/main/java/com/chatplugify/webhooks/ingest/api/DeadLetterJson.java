package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.ingest.deadletters.DeadLetter;
import com.chatplugify.webhooks.ingest.deadletters.ReplayReport;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the API shows dead letters and replay reports. Nothing secret is in either. */
final class DeadLetterJson {

    private DeadLetterJson() {
    }

    static Map<String, Object> of(DeadLetter entry, Instant replayedAt) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", entry.id());
        json.put("webhookId", entry.webhookId());
        json.put("workspaceId", entry.readable() ? entry.delivery().workspaceId() : null);
        json.put("event", entry.readable() ? entry.delivery().event() : null);
        json.put("reason", entry.reason());
        json.put("attempts", entry.attempts());
        json.put("lastStatus", entry.lastStatus());
        json.put("lastError", entry.lastError());
        json.put("failedAt", entry.failedAt() != null ? entry.failedAt() : entry.deadLetteredAt());
        if (entry.originTopic() != null) {
            Map<String, Object> origin = new LinkedHashMap<>();
            origin.put("topic", entry.originTopic());
            origin.put("partition", entry.originPartition());
            origin.put("offset", entry.originOffset());
            json.put("origin", origin);
        }
        json.put("replayOf", entry.replayOf());
        json.put("replayedAt", replayedAt);
        return json;
    }

    static Map<String, Object> of(ReplayReport report) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("dryRun", report.dryRun());
        json.put("matched", report.matched());
        json.put("replayed", report.replayed());
        json.put("alreadyReplayed", report.alreadyReplayed());
        json.put("skipped", report.skipped());
        json.put("hasMore", report.hasMore());
        json.put("nextCursor", report.next() == null ? null : report.next().encode());
        return json;
    }
}
