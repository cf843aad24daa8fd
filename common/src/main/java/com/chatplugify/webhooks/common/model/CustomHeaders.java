package com.chatplugify.webhooks.common.model;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The one decision on a webhook's custom headers, made by the API when a webhook is written and again by the
 * deliverer before every attempt (a record may have been written before these rules, or by another writer).
 *
 * <p>A name is an RFC 9110 token (section 5.1) that the platform does not set itself. A value is what RFC 9110
 * (section 5.5) allows in a field value, narrowed to visible US-ASCII with spaces and tabs inside: no control
 * characters (so no CR or LF), no leading or trailing whitespace, and no {@code obs-text} (bytes 0x80 to 0xFF),
 * which the standard keeps only for old content, which receivers decode inconsistently and which our HTTP client
 * could not send faithfully (it replaces what it cannot encode). Problems never quote a value: it is often a
 * credential.
 */
public final class CustomHeaders {

    public static final int MAX_HEADERS = 20;
    public static final int MAX_NAME_LENGTH = 256;
    public static final int MAX_VALUE_LENGTH = 4096;
    /** Every name that starts so is the platform's: {@code webhook-id}, {@code webhook-signature}, ... */
    public static final String RESERVED_PREFIX = "webhook-";
    /** Names the platform or the HTTP connection sets, which a webhook may not override (lower case). */
    public static final Set<String> RESERVED = Set.of("content-type", "content-length", "content-encoding", "host",
            "user-agent", "transfer-encoding", "connection", "expect", "te", "upgrade", "trailer", "keep-alive",
            "proxy-authorization", "proxy-connection", "http2-settings");

    private static final String TCHARS = "!#$%&'*+-.^_`|~";

    private CustomHeaders() {
    }

    /** What is wrong with this header, naming it, or empty when it may be sent. */
    public static Optional<String> problem(String name, String value) {
        Optional<String> nameProblem = nameProblem(name);
        return nameProblem.isPresent() ? nameProblem : valueProblem(name, value);
    }

    /** What is wrong with a header name, or empty when it is a token the platform leaves to webhooks. */
    public static Optional<String> nameProblem(String name) {
        if (name == null || name.isEmpty() || name.length() > MAX_NAME_LENGTH || !name.chars().allMatch(CustomHeaders::tchar)) {
            return Optional.of("'" + printable(name) + "' is not a valid header name: 1 to " + MAX_NAME_LENGTH
                    + " letters, digits or " + TCHARS + " (an RFC 9110 token)");
        }
        String lower = name.toLowerCase(Locale.ROOT);
        if (lower.startsWith(RESERVED_PREFIX) || RESERVED.contains(lower)) {
            return Optional.of("'" + name + "' is set by the platform and cannot be a custom header");
        }
        return Optional.empty();
    }

    /** What is wrong with the value of header {@code name}, without quoting the value, or empty when it may be sent. */
    public static Optional<String> valueProblem(String name, String value) {
        if (value == null) {
            return Optional.of("the value of '" + printable(name) + "' is missing");
        }
        if (value.length() > MAX_VALUE_LENGTH) {
            return Optional.of("the value of '" + printable(name) + "' is longer than " + MAX_VALUE_LENGTH + " characters");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (!(c == ' ' || c == '\t' || (c >= 0x21 && c <= 0x7e))) {
                return Optional.of("the value of '" + printable(name) + "' holds a character not allowed in a header "
                        + "(position " + (i + 1) + "): only visible US-ASCII characters, spaces and tabs are");
            }
        }
        if (!value.isEmpty() && (isWhitespace(value.charAt(0)) || isWhitespace(value.charAt(value.length() - 1)))) {
            return Optional.of("the value of '" + printable(name) + "' starts or ends with whitespace, which HTTP drops");
        }
        return Optional.empty();
    }

    private static boolean tchar(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TCHARS.indexOf(c) >= 0;
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t';
    }

    /** A name as it can be shown in a message: control and non-ASCII characters escaped, long ones cut. */
    private static String printable(String name) {
        if (name == null) {
            return "";
        }
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < name.length() && i < 64; i++) {
            char c = name.charAt(i);
            shown.append(c >= 0x20 && c < 0x7f ? String.valueOf(c) : String.format("\\u%04X", (int) c));
        }
        return name.length() > 64 ? shown + "..." : shown.toString();
    }
}
