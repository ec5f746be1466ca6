package dev.perfmonitoring.verification.chart;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.introspect.AnnotatedMember;
import com.fasterxml.jackson.databind.introspect.BeanPropertyDefinition;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Finds the fields fabric8's typed model did not know. fabric8 is lenient: a misspelt or misplaced field does not fail
 * deserialisation but lands in the object's {@code additionalProperties} (its {@code @JsonAnySetter}); only a value
 * of the wrong type fails outright. This walks every fabric8 object of a tree through the properties Jackson itself
 * uses and reports each non-empty {@code additionalProperties} entry by its path.
 */
final class UnknownFields {

    private static final ObjectMapper INTROSPECTION = new ObjectMapper();

    private UnknownFields() {
    }

    /** Paths such as {@code spec.template.spec.containers[0].imagePullPolice} of every unknown field under root. */
    static List<String> in(Object root) {
        List<String> found = new ArrayList<>();
        walk(root, "", found);
        return found;
    }

    private static void walk(Object value, String path, List<String> found) {
        if (value == null) {
            return;
        }
        if (value instanceof Collection<?> elements) {
            int index = 0;
            for (Object element : elements) {
                walk(element, path + "[" + index++ + "]", found);
            }
            return;
        }
        if (value instanceof Map<?, ?> entries) {
            entries.forEach((key, element) -> walk(element, join(path, String.valueOf(key)), found));
            return;
        }
        if (!value.getClass().getName().startsWith("io.fabric8.")) {
            return;
        }
        BeanDescription bean = INTROSPECTION.getSerializationConfig()
                .introspect(INTROSPECTION.constructType(value.getClass()));
        AnnotatedMember anyGetter = bean.findAnyGetter();
        if (anyGetter != null && anyGetter.getValue(value) instanceof Map<?, ?> additional) {
            additional.keySet().forEach(key -> found.add(join(path, String.valueOf(key))));
        }
        for (BeanPropertyDefinition property : bean.findProperties()) {
            if (property.hasGetter() && !"additionalProperties".equals(property.getName())) {
                walk(property.getGetter().getValue(value), join(path, property.getName()), found);
            }
        }
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
