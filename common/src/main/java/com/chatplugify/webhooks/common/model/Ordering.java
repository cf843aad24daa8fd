package com.chatplugify.webhooks.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** How a webhook's deliveries are ordered: its {@code ordering} field. */
public enum Ordering {

    /** Deliveries go out as soon as they can, several at once (the default). */
    UNORDERED,
    /**
     * Deliveries arrive in the order their events were published per workspace: one at a time, a failed one retried in
     * place before the next.
     */
    FIFO;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The ordering of a field value, or null when it names none. */
    @JsonCreator
    public static Ordering of(String code) {
        for (Ordering ordering : values()) {
            if (ordering.code().equals(code)) {
                return ordering;
            }
        }
        return null;
    }
}
