package com.chatplugify.webhooks.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/** The files under the repository's {@code deploy/} folder, parsed. */
final class DeployFiles {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private DeployFiles() {
    }

    /** The {@code deploy/} folder, found from the module's working directory upwards. */
    static Path root() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path deploy = dir.resolve("deploy");
            if (Files.isRegularFile(deploy.resolve("docker-compose.yml"))) {
                return deploy;
            }
        }
        throw new IllegalStateException("no deploy/docker-compose.yml above " + Path.of("").toAbsolutePath());
    }

    static Path file(String relative) {
        return root().resolve(relative);
    }

    /** Every YAML file under deploy/, sorted. */
    static List<Path> yamlFiles() {
        try (Stream<Path> files = Files.walk(root())) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The documents of a YAML file (several when separated by {@code ---}), empty ones left out. SnakeYAML, not
     * Jackson's YAML parser, because compose files use anchors and merge keys ({@code <<: *x}).
     */
    static List<JsonNode> yamlDocuments(Path file) {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            List<JsonNode> documents = new ArrayList<>();
            for (Object document : new Yaml(new SafeConstructor(new LoaderOptions())).loadAll(reader)) {
                if (document != null) {
                    documents.add(JSON.valueToTree(document));
                }
            }
            return documents;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot parse " + file + ": " + e.getMessage(), e);
        }
    }

    static JsonNode yaml(String relative) {
        List<JsonNode> documents = yamlDocuments(file(relative));
        if (documents.size() != 1) {
            throw new IllegalStateException(relative + " holds " + documents.size() + " documents");
        }
        return documents.get(0);
    }

    static JsonNode json(String relative) {
        try {
            return JSON.readTree(file(relative).toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot parse " + relative, e);
        }
    }

    /** Every PromQL expression of the alert rules and the dashboards: what the system must export. */
    static List<String> queries() {
        List<String> queries = new ArrayList<>();
        for (JsonNode group : yaml("prometheus/alerts.yml").path("groups")) {
            group.path("rules").forEach(rule -> queries.add(rule.path("expr").asText()));
        }
        try (Stream<Path> dashboards = Files.list(file("grafana/dashboards"))) {
            for (Path dashboard : dashboards.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                json(root().relativize(dashboard).toString()).findValues("expr")
                        .forEach(expr -> queries.add(expr.asText()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return queries;
    }
}
