package com.chatplugify.webhooks.common.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What ends a FIFO webhook's delivery that keeps failing: its {@code onFailure} field. */
public enum FifoFailure {

    /**
     * Once its retries are used up or it is older than {@code delivery.max-age}, it is dead-lettered and the next one
     * goes (the default); replaying it later delivers it out of order.
     */
    DEAD_LETTER,
    /** The webhook is paused (disabled, with that reason) and every delivery kept, in order, in the dead letters. */
    PAUSE;

    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The policy a field value names, or null when it names none. */
    @JsonCreator
    public static FifoFailure of(String code) {
        for (FifoFailure failure : values()) {
            if (failure.code().equals(code)) {
                return failure;
            }
        }
        return null;
    }
}
