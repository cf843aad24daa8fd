package com.chatplugify.webhooks.common.model;

import java.util.List;

/**
 * Why an input is refused.
 *
 * @param reason  a stable, machine-readable code such as {@code missing_field}; used as a metric label
 * @param field   the JSON field at fault, or empty for the whole input
 * @param message what is wrong, in words, for the sender
 */
public record Violation(String reason, String field, String message) {

    public static final String NOT_JSON = "not_json";
    public static final String NOT_AN_OBJECT = "not_an_object";
    public static final String MISSING_FIELD = "missing_field";
    public static final String WRONG_TYPE = "wrong_type";
    public static final String UNKNOWN_EVENT_TYPE = "unknown_event_type";
    public static final String INVALID_TIMESTAMP = "invalid_timestamp";
    public static final String INVALID_VALUE = "invalid_value";
    public static final String DATA_NOT_OBJECT = "data_not_object";
    public static final String TOO_LARGE = "too_large";
    /** JSON nested deeper than {@link EventValidator#MAX_NESTING_DEPTH}. */
    public static final String TOO_DEEP = "too_deep";
    /** A field the input's schema does not define (a typo, or a read-only field sent back): never ignored. */
    public static final String UNKNOWN_FIELD = "unknown_field";
    /** An event's data that breaks the JSON Schema of its type (when the API validates data). */
    public static final String INVALID_DATA = "invalid_data";
    /** A subscription record whose key is not the webhook id it holds. */
    public static final String KEY_MISMATCH = "key_mismatch";
    /** A record that passed validation but that the pipeline still failed to read or process. */
    public static final String UNPROCESSABLE = "unprocessable";
    /** A record whose results the pipeline could not write (at-least-once router); the error says where. */
    public static final String UNWRITABLE = "unwritable";

    /** Every reason code: the values of the {@code reason} label of the invalid-record counters. */
    public static final List<String> REASONS = List.of(NOT_JSON, NOT_AN_OBJECT, MISSING_FIELD, WRONG_TYPE,
            UNKNOWN_EVENT_TYPE, INVALID_TIMESTAMP, INVALID_VALUE, DATA_NOT_OBJECT, TOO_LARGE, TOO_DEEP, KEY_MISMATCH,
            UNPROCESSABLE, UNKNOWN_FIELD, UNWRITABLE, INVALID_DATA);

    @Override
    public String toString() {
        return field.isEmpty() ? reason + ": " + message : reason + " (" + field + "): " + message;
    }
}
