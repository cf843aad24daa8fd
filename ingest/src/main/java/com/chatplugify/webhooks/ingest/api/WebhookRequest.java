package com.chatplugify.webhooks.ingest.api;

import com.chatplugify.webhooks.common.model.ClientCertificate;
import com.chatplugify.webhooks.common.model.CustomHeaders;
import com.chatplugify.webhooks.common.model.EventFilter;
import com.chatplugify.webhooks.common.model.EventValidator;
import com.chatplugify.webhooks.common.model.Redaction;
import com.chatplugify.webhooks.common.model.FifoFailure;
import com.chatplugify.webhooks.common.model.OAuth2ClientCredentials;
import com.chatplugify.webhooks.common.model.Ordering;
import com.chatplugify.webhooks.common.model.Violation;
import com.chatplugify.webhooks.common.model.WebhookIds;
import com.chatplugify.webhooks.common.net.WebhookUrlPolicy;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A webhook as a client sends it to {@code POST /v1/webhooks} or {@code PUT /v1/webhooks/{id}}, validated: every
 * problem is collected with the field it concerns, so one 400 tells the client all that is wrong.
 */
public record WebhookRequest(String id, String workspaceId, String url, List<String> events, Map<String, String> headers,
                             String secret, boolean enabled, String description, Integer rateLimitPerSecond,
                             Ordering ordering, FifoFailure onFailure, ClientCertificate clientCertificate,
                             OAuth2ClientCredentials oauth2) {

    public static final int MAX_URL_LENGTH = 2048;
    public static final int MAX_DESCRIPTION_LENGTH = 1000;
    /**
     * What a create or replace may hold; {@code createdAt}, {@code updatedAt}, {@code version} and
     * {@code disabledReason} come back from GET, {@code retiringSecretsExpireAt} from a rotation, but are not taken (a
     * write names its version with {@code If-Match}).
     */
    static final KnownFields FIELDS = new KnownFields(Set.of("id", "workspaceId", "url", "events", "headers", "secret",
            "enabled", "description", "rateLimitPerSecond", "ordering", "onFailure", "clientCertificate", "oauth2"),
            Set.of("createdAt", "updatedAt", "version", "disabledReason", "retiringSecretsExpireAt"));

    /** Never the secret, the header values, the client credentials or the URL's path and query. */
    @Override
    public String toString() {
        return "WebhookRequest[id=" + id + ", workspaceId=" + workspaceId + ", url=" + Redaction.origin(url)
                + ", events=" + events + ", headers=" + Redaction.names(headers) + ", secret=" + Redaction.mask(secret)
                + ", enabled=" + enabled + ", description=" + description + ", rateLimitPerSecond="
                + rateLimitPerSecond + ", ordering=" + ordering + ", onFailure=" + onFailure + ", clientCertificate="
                + clientCertificate + ", oauth2=" + oauth2 + "]";
    }

    /** Thrown with every violation found. */
    public static final class Invalid extends Exception {

        private final transient List<Violation> violations;

        Invalid(List<Violation> violations) {
            super(violations.toString(), null, false, false);
            this.violations = List.copyOf(violations);
        }

        public List<Violation> violations() {
            return violations;
        }
    }

    /** Reads and checks a request body by {@code rules}. */
    public static WebhookRequest parse(JsonNode body, WebhookRules rules) throws Invalid {
        List<Violation> violations = new ArrayList<>();
        if (body == null || !body.isObject()) {
            throw new Invalid(List.of(new Violation(Violation.NOT_AN_OBJECT, "", "a webhook is a JSON object")));
        }
        violations.addAll(FIELDS.unknownIn(body));
        String id = text(body, "id", false, violations);
        if (id != null) {
            WebhookIds.problem(id).ifPresent(
                    problem -> violations.add(new Violation(Violation.INVALID_VALUE, "id", "'id' " + problem)));
        }
        String workspaceId = text(body, "workspaceId", true, violations);
        checkIdentifier(workspaceId, "workspaceId", violations);
        String url = text(body, "url", true, violations);
        if (url != null) {
            checkUrl(url, "url", rules, violations);
        }
        List<String> events = events(body, violations);
        Map<String, String> headers = headers(body, violations);
        String secret = text(body, "secret", false, violations);
        if (secret != null) {
            checkSecret(secret, violations);
        }
        boolean enabled = bool(body, "enabled", true, violations);
        String description = text(body, "description", false, violations);
        if (description != null && description.length() > MAX_DESCRIPTION_LENGTH) {
            violations.add(new Violation(Violation.INVALID_VALUE, "description", "at most " + MAX_DESCRIPTION_LENGTH + " characters"));
        }
        Integer rateLimit = rateLimit(body, violations);
        Ordering ordering = choice(body, "", "ordering", Ordering.UNORDERED, Ordering::of, "'unordered' or 'fifo'",
                violations);
        FifoFailure onFailure = choice(body, "", "onFailure", FifoFailure.DEAD_LETTER, FifoFailure::of,
                "'dead_letter' or 'pause'", violations);
        if (onFailure == FifoFailure.PAUSE && ordering != Ordering.FIFO) {
            violations.add(new Violation(Violation.INVALID_VALUE, "onFailure",
                    "'pause' applies to FIFO webhooks only: set \"ordering\": \"fifo\" too"));
        }
        ClientCertificate clientCertificate = CredentialFields.clientCertificate(body, rules.clock().instant(), violations);
        OAuth2ClientCredentials oauth2 = CredentialFields.oauth2(body, rules, violations);
        if (oauth2 != null && headers.keySet().stream().anyMatch(name -> name.equalsIgnoreCase("Authorization"))) {
            violations.add(new Violation(Violation.INVALID_VALUE, "headers", "'Authorization' carries the OAuth 2.0 "
                    + "token of 'oauth2'; remove that custom header, or 'oauth2'"));
        }
        if (!violations.isEmpty()) {
            throw new Invalid(violations);
        }
        return new WebhookRequest(id, workspaceId, url, events, headers, secret, enabled, description, rateLimit,
                ordering, onFailure, clientCertificate, oauth2);
    }

    static String text(JsonNode body, String field, boolean required, List<Violation> violations) {
        return text(body, "", field, required, violations);
    }

    /** The string {@code name} of {@code object}, reported as {@code parent.name} (or {@code name} at the top). */
    static String text(JsonNode object, String parent, String name, boolean required, List<Violation> violations) {
        String path = path(parent, name);
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            if (required) {
                violations.add(new Violation(Violation.MISSING_FIELD, path, "'" + path + "' is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            violations.add(new Violation(Violation.WRONG_TYPE, path, "'" + path + "' must be a string"));
            return null;
        }
        return value.textValue();
    }

    static String path(String parent, String name) {
        return parent.isEmpty() ? name : parent + "." + name;
    }

    private static boolean bool(JsonNode body, String field, boolean absent, List<Violation> violations) {
        JsonNode value = body.get(field);
        if (value == null || value.isNull()) {
            return absent;
        }
        if (!value.isBoolean()) {
            violations.add(new Violation(Violation.WRONG_TYPE, field, "'" + field + "' must be true or false"));
            return absent;
        }
        return value.booleanValue();
    }

    static void checkIdentifier(String value, String field, List<Violation> violations) {
        if (value != null && (value.isBlank() || value.length() > EventValidator.MAX_ID_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f))) {
            violations.add(new Violation(Violation.INVALID_VALUE, field, "'" + field + "' must be 1 to "
                    + EventValidator.MAX_ID_LENGTH + " printable ASCII characters without spaces"));
        }
    }

    /**
     * Checks a URL deliveries (or their token requests) would go to, by the rule the deliverer applies
     * ({@link WebhookUrlPolicy}). {@code field} names it.
     */
    static void checkUrl(String url, String field, WebhookRules rules, List<Violation> violations) {
        if (url.length() > MAX_URL_LENGTH) {
            violations.add(new Violation(Violation.INVALID_VALUE, field, "at most " + MAX_URL_LENGTH + " characters"));
            return;
        }
        try {
            rules.urls().refusal(new URI(url)).ifPresent(
                    reason -> violations.add(new Violation(Violation.INVALID_VALUE, field, reason)));
        } catch (URISyntaxException e) {
            violations.add(new Violation(Violation.INVALID_VALUE, field, "not a valid URL: " + e.getMessage()));
        }
    }

    private static List<String> events(JsonNode body, List<Violation> violations) {
        JsonNode value = body.get("events");
        if (value == null || value.isNull()) {
            violations.add(new Violation(Violation.MISSING_FIELD, "events",
                    "'events' is required: a list of event types, families such as 'task.*', or '*'"));
            return List.of();
        }
        if (!value.isArray() || value.isEmpty()) {
            violations.add(new Violation(Violation.WRONG_TYPE, "events", "'events' must be a non-empty array of strings"));
            return List.of();
        }
        Set<String> events = new LinkedHashSet<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                violations.add(new Violation(Violation.WRONG_TYPE, "events", "every event filter must be a string"));
                continue;
            }
            Optional<String> problem = EventFilter.problem(item.textValue());
            if (problem.isPresent()) {
                violations.add(new Violation(Violation.UNKNOWN_EVENT_TYPE, "events", problem.get()));
            } else if (!events.add(item.textValue())) {
                // Overlapping filters (task.* beside task.created) are fine; the same one twice is a mistake.
                violations.add(new Violation(Violation.INVALID_VALUE, "events", "'events' lists '" + item.textValue()
                        + "' more than once; give each filter once"));
            }
        }
        return List.copyOf(events);
    }

    private static Map<String, String> headers(JsonNode body, List<Violation> violations) {
        JsonNode value = body.get("headers");
        if (value == null || value.isNull()) {
            return Map.of();
        }
        if (!value.isObject()) {
            violations.add(new Violation(Violation.WRONG_TYPE, "headers", "'headers' must be an object of strings"));
            return Map.of();
        }
        if (value.size() > CustomHeaders.MAX_HEADERS) {
            violations.add(new Violation(Violation.INVALID_VALUE, "headers", "at most " + CustomHeaders.MAX_HEADERS
                    + " custom headers"));
        }
        Map<String, String> headers = new LinkedHashMap<>();
        Map<String, String> namesSeen = new LinkedHashMap<>();
        value.fields().forEachRemaining(entry -> {
            String name = entry.getKey();
            JsonNode headerValue = entry.getValue();
            Optional<String> problem = CustomHeaders.nameProblem(name);
            String earlier = namesSeen.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
            if (problem.isEmpty() && earlier != null) {
                problem = Optional.of("'" + name + "' repeats '" + earlier + "': header names ignore case");
            }
            if (problem.isEmpty() && !headerValue.isTextual()) {
                violations.add(new Violation(Violation.WRONG_TYPE, "headers", "the value of '" + name + "' must be a string"));
                return;
            }
            if (problem.isEmpty()) {
                problem = CustomHeaders.valueProblem(name, headerValue.textValue());
            }
            problem.ifPresentOrElse(p -> violations.add(new Violation(Violation.INVALID_VALUE, "headers", p)),
                    () -> headers.put(name, headerValue.textValue()));
        });
        return headers;
    }

    static void checkSecret(String secret, List<Violation> violations) {
        String problem = null;
        if (!secret.startsWith("whsec_")) {
            problem = "a secret starts with whsec_";
        } else {
            try {
                int length = Base64.getDecoder().decode(secret.substring("whsec_".length())).length;
                if (length < 24 || length > 64) {
                    problem = "a secret's key is 24 to 64 bytes, base64-encoded after whsec_";
                }
            } catch (IllegalArgumentException e) {
                problem = "the part after whsec_ must be base64";
            }
        }
        if (problem != null) {
            violations.add(new Violation(Violation.INVALID_VALUE, "secret", problem));
        }
    }

    /** One of a set of codes, or {@code absent} when the field is missing or null. */
    static <T> T choice(JsonNode object, String parent, String name, T absent, Function<String, T> of, String expected,
                        List<Violation> violations) {
        JsonNode value = object.get(name);
        if (value == null || value.isNull()) {
            return absent;
        }
        T chosen = value.isTextual() ? of.apply(value.textValue()) : null;
        if (chosen == null) {
            String path = path(parent, name);
            violations.add(new Violation(Violation.INVALID_VALUE, path, "'" + path + "' must be " + expected));
            return absent;
        }
        return chosen;
    }

    private static Integer rateLimit(JsonNode body, List<Violation> violations) {
        JsonNode value = body.get("rateLimitPerSecond");
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.canConvertToInt() || !value.isIntegralNumber() || value.intValue() < 1 || value.intValue() > 100_000) {
            violations.add(new Violation(Violation.INVALID_VALUE, "rateLimitPerSecond",
                    "'rateLimitPerSecond' must be a whole number from 1 to 100000, or null for no limit"));
            return null;
        }
        return value.intValue();
    }
}
