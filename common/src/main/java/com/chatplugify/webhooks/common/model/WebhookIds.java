package com.chatplugify.webhooks.common.model;

import java.util.Optional;

/**
 * What a webhook's id must be, for the API that takes it and for every reader of the subscriptions topic alike: like
 * any id, 1 to {@value EventValidator#MAX_ID_LENGTH} printable ASCII characters without spaces; and not {@code .} or
 * {@code ..}, which a URL path reads as "this directory" and "the parent directory", so that browsers and HTTP clients
 * fold {@code /v1/webhooks/..} into {@code /v1/} (even written {@code %2E%2E}) and no request could name the webhook.
 */
public final class WebhookIds {

    private WebhookIds() {
    }

    /** Why {@code id} cannot be a webhook's id, as a sentence that follows the field's name; empty when it can. */
    public static Optional<String> problem(String id) {
        if (id.isEmpty() || id.length() > EventValidator.MAX_ID_LENGTH || !id.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            return Optional.of("must be 1 to " + EventValidator.MAX_ID_LENGTH
                    + " printable ASCII characters without spaces");
        }
        if (id.equals(".") || id.equals("..")) {
            return Optional.of("cannot be '.' or '..': in a URL path they mean this or the parent directory, so no "
                    + "request could name the webhook");
        }
        return Optional.empty();
    }
}
