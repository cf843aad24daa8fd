package com.chatplugify.webhooks.app.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The schemas of every kind deploy/k8s ships, vendored under {@code src/test/resources/schemas} (see its README): the
 * Kubernetes API's definitions, and the CRDs of Strimzi, KEDA and the Prometheus Operator. Checked the way
 * {@code kubectl apply} (strict field validation) and kubeconform {@code -strict} check: an object with declared
 * properties accepts no other field, unless its schema keeps unknown fields; an int-or-string or a quantity takes
 * either form.
 */
final class ManifestSchemas {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String INT_OR_STRING = "io.k8s.apimachinery.pkg.util.intstr.IntOrString";
    private static final String QUANTITY = "io.k8s.apimachinery.pkg.api.resource.Quantity";
    private static final List<String> CRDS = List.of("strimzi-kafkatopic.crd.yaml", "strimzi-kafkauser.crd.yaml",
            "keda-scaledobject.crd.yaml", "keda-triggerauthentication.crd.yaml", "prometheus-operator-podmonitor.crd.yaml",
            "prometheus-operator-prometheusrule.crd.yaml");

    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_4);
    /** By "apiVersion kind": the schema document to validate against. */
    private final Map<String, String> schemas = new HashMap<>();
    private final Map<String, Schema> compiled = new HashMap<>();

    ManifestSchemas() {
        loadKubernetes();
        CRDS.forEach(this::loadCrd);
    }

    /** The schema's complaints about {@code resource}, empty when it is valid; an unknown kind is a complaint too. */
    List<String> violations(JsonNode resource) {
        String type = resource.path("apiVersion").asText() + " " + resource.path("kind").asText();
        String document = schemas.get(type);
        if (document == null) {
            return List.of("no schema vendored for " + type);
        }
        Schema schema = compiled.computeIfAbsent(type, t -> registry.getSchema(document, InputFormat.JSON));
        List<Error> errors = schema.validate(resource.toString(), InputFormat.JSON);
        return errors.stream().map(e -> e.getInstanceLocation() + ": " + e.getMessage()).toList();
    }

    private void loadKubernetes() {
        ObjectNode definitions = (ObjectNode) read("kubernetes-definitions.json").get("definitions");
        definitions.set(INT_OR_STRING, eitherOf("string", "integer"));
        definitions.set(QUANTITY, eitherOf("string", "number"));
        strict(definitions);
        for (Iterator<Map.Entry<String, JsonNode>> it = definitions.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> definition = it.next();
            for (JsonNode gvk : definition.getValue().path("x-kubernetes-group-version-kind")) {
                String group = gvk.path("group").asText();
                String apiVersion = group.isEmpty() ? gvk.path("version").asText() : group + "/" + gvk.path("version").asText();
                ObjectNode document = JsonNodeFactory.instance.objectNode();
                document.set("definitions", definitions);
                document.putArray("allOf").addObject().put("$ref", "#/definitions/" + definition.getKey());
                schemas.put(apiVersion + " " + gvk.path("kind").asText(), document.toString());
            }
        }
    }

    private void loadCrd(String file) {
        JsonNode crd = read(file);
        String group = crd.at("/spec/group").asText();
        String kind = crd.at("/spec/names/kind").asText();
        for (JsonNode version : crd.at("/spec/versions")) {
            if (version.path("served").asBoolean()) {
                JsonNode schema = version.at("/schema/openAPIV3Schema").deepCopy();
                strict(schema);
                schemas.put(group + "/" + version.path("name").asText() + " " + kind, schema.toString());
            }
        }
    }

    /** Adds {@code additionalProperties: false} wherever properties are declared and nothing else is said. */
    private static void strict(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")
                    && !object.path("x-kubernetes-preserve-unknown-fields").asBoolean()) {
                object.put("additionalProperties", false);
            }
            object.fields().forEachRemaining(field -> {
                if (!field.getKey().equals("enum") && !field.getKey().equals("default") && !field.getKey().equals("example")) {
                    strict(field.getValue());
                }
            });
        } else if (node instanceof ArrayNode array) {
            array.forEach(ManifestSchemas::strict);
        }
    }

    private static ObjectNode eitherOf(String first, String second) {
        ObjectNode either = JsonNodeFactory.instance.objectNode();
        ArrayNode oneOf = either.putArray("oneOf");
        oneOf.addObject().put("type", first);
        oneOf.addObject().put("type", second);
        return either;
    }

    private static JsonNode read(String file) {
        try (InputStream in = ManifestSchemas.class.getResourceAsStream("/schemas/" + file)) {
            if (in == null) {
                throw new IllegalStateException("no schemas/" + file + " among the test resources");
            }
            if (file.endsWith(".json")) {
                return JSON.readTree(in);
            }
            return JSON.valueToTree(new Yaml(new SafeConstructor(new LoaderOptions())).load(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
