package com.chatplugify.webhooks.common.model;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Set;

/** The catalogue of event types a workspace can subscribe to. */
public final class EventTypes {

    /** Sent only by {@code POST /v1/webhooks/{id}/test}, to one endpoint. */
    public static final String WEBHOOK_TEST = "webhook.test";

    /** Every type upstream services may publish, in the order the integrations guide lists them. */
    public static final Set<String> DOMAIN = Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(
            "conversation.created", "conversation.updated", "conversation.completed",
            "contact.created", "contact.updated", "contact.deleted",
            "task.created", "task.updated", "task.completed", "task.deleted",
            "order.requested")));

    /** Domain types plus {@link #WEBHOOK_TEST}. */
    public static final Set<String> ALL;

    static {
        Set<String> all = new LinkedHashSet<>(DOMAIN);
        all.add(WEBHOOK_TEST);
        ALL = Collections.unmodifiableSet(all);
    }

    /** The families ({@code conversation}, {@code contact}, ...) the {@code family.*} filters may name. */
    public static final Set<String> FAMILIES;

    static {
        Set<String> families = new LinkedHashSet<>();
        ALL.forEach(type -> families.add(familyOf(type)));
        FAMILIES = Collections.unmodifiableSet(families);
    }

    private EventTypes() {
    }

    public static boolean isKnown(String type) {
        return ALL.contains(type);
    }

    public static String familyOf(String type) {
        int dot = type.indexOf('.');
        return dot < 0 ? type : type.substring(0, dot);
    }
}
