package com.chatplugify.webhooks.deliverer.health;

/**
 * What the health watch keeps of one webhook: enough of its subscription to ask for its disable (its version) and to
 * see it enabled again or pointed elsewhere, and its failure streak, if it is failing.
 *
 * @param streak null while its latest attempt succeeded (or it has made none)
 */
record WebhookHealth(String workspaceId, long version, boolean enabled, String url, FailureStreak streak) {

    WebhookHealth withStreak(FailureStreak other) {
        return new WebhookHealth(workspaceId, version, enabled, url, other);
    }
}
