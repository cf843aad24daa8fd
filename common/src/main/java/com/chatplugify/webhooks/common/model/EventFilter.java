package com.chatplugify.webhooks.common.model;

import java.util.List;
import java.util.Optional;

/**
 * The event filters of a subscription: exact types ({@code task.created}), whole families
 * ({@code task.*}) or everything ({@code *}).
 */
public final class EventFilter {

    public static final String ANY = "*";
    private static final String FAMILY_SUFFIX = ".*";

    private EventFilter() {
    }

    /** Whether any of the filters selects the event type. */
    public static boolean matches(List<String> filters, String eventType) {
        for (String filter : filters) {
            if (matches(filter, eventType)) {
                return true;
            }
        }
        return false;
    }

    public static boolean matches(String filter, String eventType) {
        if (ANY.equals(filter)) {
            return true;
        }
        if (filter.endsWith(FAMILY_SUFFIX)) {
            int familyLength = filter.length() - FAMILY_SUFFIX.length();
            return eventType.length() > familyLength + 1
                    && eventType.charAt(familyLength) == '.'
                    && eventType.regionMatches(0, filter, 0, familyLength);
        }
        return filter.equals(eventType);
    }

    /** Why a filter is not acceptable, or empty when it is. */
    public static Optional<String> problem(String filter) {
        if (filter == null || filter.isBlank()) {
            return Optional.of("an event filter is empty");
        }
        if (ANY.equals(filter) || EventTypes.DOMAIN.contains(filter)) {
            return Optional.empty();
        }
        if (filter.endsWith(FAMILY_SUFFIX)) {
            String family = filter.substring(0, filter.length() - FAMILY_SUFFIX.length());
            return EventTypes.FAMILIES.contains(family) && !family.equals(EventTypes.familyOf(EventTypes.WEBHOOK_TEST))
                    ? Optional.empty()
                    : Optional.of("unknown event family '" + family + "' in filter '" + filter + "'");
        }
        return Optional.of("unknown event type '" + filter + "'; use one of " + EventTypes.DOMAIN
                + ", a family such as 'task.*', or '*'");
    }
}
