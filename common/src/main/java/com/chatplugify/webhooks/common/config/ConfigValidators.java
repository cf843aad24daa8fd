package com.chatplugify.webhooks.common.config;

import com.chatplugify.webhooks.common.secrets.SecretKeys;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/** {@link ConfigDef.Validator}s for value shapes Kafka's own set lacks. */
public final class ConfigValidators {

    private ConfigValidators() {
    }

    /**
     * The error for a key that is not set but needed, worded as missing (a {@code ConfigException} built with the key
     * and a null value would say "Invalid value null").
     */
    public static ConfigException missing(String key, String why) {
        return new ConfigException("Missing configuration " + key + ": " + why);
    }

    /** A duration ({@code 10s}, {@code 1m}, ...) of at least {@code min}. */
    public static ConfigDef.Validator duration(Duration min) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                check(name, value == null ? null : value.toString(), min);
            }

            @Override
            public String toString() {
                return "a duration such as 10s, 1m or 7d, at least " + Durations.format(min);
            }
        };
    }

    /** A non-empty, comma-separated list of durations, each at least {@code min}, with at most {@code maxSize}. */
    public static ConfigDef.Validator durationList(Duration min, int maxSize) {
        return new ConfigDef.Validator() {
            @Override
            @SuppressWarnings("unchecked")
            public void ensureValid(String name, Object value) {
                List<String> items = (List<String>) value;
                if (items == null || items.isEmpty() || items.size() > maxSize) {
                    throw new ConfigException(name, value, "give 1 to " + maxSize + " durations, such as 10s,1m,10m");
                }
                for (String item : items) {
                    check(name, item, min);
                }
            }

            @Override
            public String toString() {
                return "1 to " + maxSize + " comma-separated durations, such as 10s,1m,10m";
            }
        };
    }

    /**
     * A secret (a {@link ConfigDef.Type#PASSWORD}) that is either unset or a real value: an empty or blank one is
     * refused rather than taken as "none". The value is never quoted in the error.
     */
    public static ConfigDef.Validator nonBlankSecret() {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                if (value == null) {
                    return;
                }
                String text = value instanceof Password password ? password.value() : value.toString();
                if (text.isBlank()) {
                    throw new ConfigException(name, value, "is empty or blank; give a value or leave the key unset");
                }
            }

            @Override
            public String toString() {
                return "unset, or a value that is not blank";
            }
        };
    }

    /**
     * {@code secrets.key} ({@code list} false: one key) or {@code secrets.previous-keys} ({@code list} true): keys
     * written {@code <id>:<base64 of 32 bytes>}. Unset is accepted here; the roles that need a key say so.
     */
    public static ConfigDef.Validator secretKeys(boolean list) {
        return new ConfigDef.Validator() {
            @Override
            public void ensureValid(String name, Object value) {
                nonBlankSecret().ensureValid(name, value);
                if (value == null) {
                    return;
                }
                String text = ((Password) value).value();
                try {
                    if (list) {
                        SecretKeys.parseList(text);
                    } else if (text.contains(",")) {
                        throw new IllegalArgumentException("one key only; earlier keys go to secrets.previous-keys");
                    } else {
                        SecretKeys.parse(text, null);
                    }
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(name, value, e.getMessage());
                }
            }

            @Override
            public String toString() {
                return list ? "keys <id>:<base64 of 32 bytes>, comma-separated" : "a key <id>:<base64 of 32 bytes>";
            }
        };
    }

    /** A comma-separated list, possibly empty, of {@code host:port} entries. */
    public static ConfigDef.Validator hostAndPortList() {
        return new ConfigDef.Validator() {
            @Override
            @SuppressWarnings("unchecked")
            public void ensureValid(String name, Object value) {
                for (String item : (List<String>) value) {
                    int colon = item.lastIndexOf(':');
                    String port = colon < 0 ? "" : item.substring(colon + 1);
                    if (colon <= 0 || !port.matches("[0-9]{1,5}") || Integer.parseInt(port) < 1
                            || Integer.parseInt(port) > 65535) {
                        throw new ConfigException(name, value, "'" + item + "' is not host:port");
                    }
                }
            }

            @Override
            public String toString() {
                return "comma-separated host:port entries, such as 10.0.0.2:53";
            }
        };
    }

    private static void check(String name, String text, Duration min) {
        if (text == null) {
            throw new ConfigException(name, null, "a duration is required");
        }
        Duration duration;
        try {
            duration = Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(name, text, e.getMessage());
        }
        if (duration.compareTo(min) < 0) {
            throw new ConfigException(name, text, "must be at least " + Durations.format(min));
        }
    }
}
