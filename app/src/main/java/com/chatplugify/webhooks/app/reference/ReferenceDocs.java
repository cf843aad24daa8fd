package com.chatplugify.webhooks.app.reference;

import com.chatplugify.webhooks.app.ConfigDefinitions;
import com.chatplugify.webhooks.common.metrics.MetricDescriptions;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.types.Password;

/**
 * The reference pages generated from the code's own declarations: every configuration key from the {@link ConfigDef}s,
 * every metric from {@link MetricDescriptions}. A test compares them with the files under {@code docs/}.
 */
public final class ReferenceDocs {

    public static final String CONFIGURATION_FILE = "configuration.md";
    public static final String METRICS_FILE = "metrics.md";

    private static final String GENERATED = "<!-- Generated from the code; ReferenceDocsTest fails when this file is stale. -->\n";

    private ReferenceDocs() {
    }

    /** Every file name under {@code docs/} with its generated content. */
    public static Map<String, String> all() {
        return Map.of(CONFIGURATION_FILE, configuration(), METRICS_FILE, metrics());
    }

    static String configuration() {
        StringBuilder out = new StringBuilder(GENERATED)
                .append("# Configuration\n\n")
                .append("Every key can be given in a properties file (`--config FILE`), as an environment variable ")
                .append("(`WEBHOOKS_` + the key upper-cased, dots and dashes as `_`) or as `--set key=value`, later ")
                .append("sources winning. Keys starting with `kafka.` are passed to every Kafka client without the ")
                .append("prefix. An invalid value stops the process at start-up with the key named.\n");
        ConfigDefinitions.sections().forEach((section, definition) -> {
            out.append("\n## ").append(section).append("\n\n")
                    .append("| key | type | default | valid values | description |\n")
                    .append("| --- | --- | --- | --- | --- |\n");
            for (ConfigDef.ConfigKey key : definition.configKeys().values()) {
                out.append("| `").append(key.name).append("` | ")
                        .append(key.type.name().toLowerCase()).append(" | ")
                        .append(defaultOf(key)).append(" | ")
                        .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                        .append(cell(key.documentation)).append(" |\n");
            }
        });
        return out.toString();
    }

    static String metrics() {
        StringBuilder out = new StringBuilder(GENERATED)
                .append("# Metrics\n\n")
                .append("Every role serves its metrics on `/metrics` in the Prometheus text format. Prometheus names are ")
                .append("these with dots as `_`, counters ending in `_total`, timers in `_seconds` (with `_count`, ")
                .append("`_sum`, `_max` and `_bucket`) and gauges of a time in `_seconds` too. Kafka clients' and the ")
                .append("JVM's own metrics are served too.\n\n")
                .append("| metric | description |\n")
                .append("| --- | --- |\n");
        for (Map.Entry<String, String> metric : MetricDescriptions.all().entrySet()) {
            out.append("| `").append(metric.getKey()).append("` | ").append(cell(metric.getValue())).append(" |\n");
        }
        return out.toString();
    }

    private static String defaultOf(ConfigDef.ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "";
        }
        if (key.defaultValue instanceof Password) {
            return "(hidden)";
        }
        if (key.defaultValue instanceof List<?> list && list.isEmpty()) {
            return "";
        }
        return "`" + ConfigDef.convertToString(key.defaultValue, key.type) + "`";
    }

    private static String cell(String text) {
        return text == null ? "" : text.replace("|", "\\|").replace("\n", " ");
    }
}
