package dev.perfmonitoring.verification.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The OpenAPI v3 schema of a CRD the chart's custom resources need (the files are in {@code src/test/resources/crds/}:
 * the Prometheus operator's ServiceMonitor and PrometheusRule as kube-prometheus-stack ships them, the k6-operator's
 * TestRun), checking what the API server would check of a custom resource: unknown fields (the server prunes them
 * silently), types, enums, patterns and required fields. The schema of the CRD's first version is used.
 */
final class CrdSchema {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final String group;
    private final String kind;
    private final JsonNode schema;

    private CrdSchema(String group, String kind, JsonNode schema) {
        this.group = group;
        this.kind = kind;
        this.schema = schema;
    }

    /** Loads {@code /crds/<resource>} from the test classpath, e.g. {@code crd-servicemonitors.yaml}. */
    static CrdSchema load(String resource) {
        try (InputStream in = CrdSchema.class.getResourceAsStream("/crds/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("no /crds/" + resource + " on the test classpath");
            }
            JsonNode crd = YAML.readTree(in);
            JsonNode version = crd.path("spec").path("versions").get(0);
            return new CrdSchema(crd.path("spec").path("group").asText(),
                    crd.path("spec").path("names").path("kind").asText(), version.path("schema").path("openAPIV3Schema"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String kind() {
        return kind;
    }

    /** The API group, e.g. {@code monitoring.coreos.com} or {@code k6.io}. */
    String group() {
        return group;
    }

    /** Every violation of the schema in document, by path; empty when the document is valid. */
    List<String> violations(JsonNode document) {
        List<String> violations = new ArrayList<>();
        check(document, schema, "", violations);
        return violations;
    }

    private static void check(JsonNode value, JsonNode schema, String path, List<String> violations) {
        if (schema.path("x-kubernetes-int-or-string").asBoolean(false)) {
            if (!value.isInt() && !value.isTextual()) {
                violations.add(path + ": expected an integer or a string, got " + value);
            }
            return;
        }
        String type = schema.path("type").asText("");
        if (!type.isEmpty() && !hasType(value, type)) {
            violations.add(path + ": expected " + type + ", got " + value.getNodeType());
            return;
        }
        if (schema.has("enum") && !containsValue(schema.get("enum"), value)) {
            violations.add(path + ": " + value + " is not one of " + schema.get("enum"));
        }
        if (schema.has("pattern") && value.isTextual()
                && !Pattern.compile(schema.get("pattern").asText()).matcher(value.asText()).find()) {
            violations.add(path + ": \"" + value.asText() + "\" does not match " + schema.get("pattern").asText());
        }
        if (value.isArray()) {
            for (int i = 0; i < value.size(); i++) {
                check(value.get(i), schema.path("items"), path + "[" + i + "]", violations);
            }
        }
        if (value.isObject()) {
            schema.path("required").forEach(required -> {
                if (!value.has(required.asText())) {
                    violations.add(join(path, required.asText()) + ": required");
                }
            });
            for (Map.Entry<String, JsonNode> field : value.properties()) {
                String fieldPath = join(path, field.getKey());
                JsonNode fieldSchema = schema.path("properties").get(field.getKey());
                if (fieldSchema != null) {
                    check(field.getValue(), fieldSchema, fieldPath, violations);
                } else if (schema.path("additionalProperties").isObject()) {
                    check(field.getValue(), schema.get("additionalProperties"), fieldPath, violations);
                } else if (!schema.path("x-kubernetes-preserve-unknown-fields").asBoolean(false)
                        && !isTopLevelObjectMeta(path, field.getKey())) {
                    violations.add(fieldPath + ": unknown field");
                }
            }
        }
    }

    /** The CRD schema declares metadata as a bare object: the API server validates it as ObjectMeta itself. */
    private static boolean isTopLevelObjectMeta(String path, String field) {
        return path.equals("metadata") && !field.isEmpty();
    }

    private static boolean hasType(JsonNode value, String type) {
        return switch (type) {
            case "object" -> value.isObject();
            case "array" -> value.isArray();
            case "string" -> value.isTextual();
            case "integer" -> value.isIntegralNumber();
            case "number" -> value.isNumber();
            case "boolean" -> value.isBoolean();
            default -> true;
        };
    }

    private static boolean containsValue(JsonNode allowed, JsonNode value) {
        for (JsonNode candidate : allowed) {
            if (candidate.equals(value)) {
                return true;
            }
        }
        return false;
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
