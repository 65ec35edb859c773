package io.kubelite.machinery.validation;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the JSON fields of a decoded fabric8 object that were not part of the schema. Such
 * fields land in {@code additionalProperties} maps; their paths are reported the way Kubernetes
 * reports them for {@code fieldValidation=Strict}, with list indexes:
 * {@code spec.template.spec.containers[0].foo}.
 */
public final class UnknownFields {

    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final Map<Class<?>, List<Property>> PROPERTIES = new ConcurrentHashMap<>();
    /** Types whose content is free-form JSON kept in {@code additionalProperties}: a managedFields entry's fieldsV1. */
    private static final Set<String> FREE_FORM = Set.of(MODEL_PACKAGE + ".FieldsV1");

    private record Property(String name, Field field) {
    }

    private UnknownFields() {
    }

    public static List<String> find(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found, Collections.newSetFromMap(new IdentityHashMap<>()), false);
        return found;
    }

    /**
     * {@link #find}, then removes what it found from the object, as Kubernetes' decoder drops the
     * fields a version does not have: the object then encodes without them.
     */
    public static List<String> drop(Object object) {
        List<String> found = new ArrayList<>();
        walk(object, "", found, Collections.newSetFromMap(new IdentityHashMap<>()), true);
        return found;
    }

    /** The body of a Strict-validation rejection: {@code strict decoding error: unknown field "a", unknown field "b"}. */
    public static String strictDecodingError(List<String> unknown) {
        List<String> parts = new ArrayList<>();
        for (String path : unknown) {
            parts.add("unknown field " + GoValues.quote(path));
        }
        return "strict decoding error: " + String.join(", ", parts);
    }

    private static void walk(Object value, String path, List<String> found, Set<Object> visited, boolean drop) {
        if (value == null) {
            return;
        }
        if (value instanceof List<?> list) {
            for (int i = 0; i < list.size(); i++) {
                walk(list.get(i), path + "[" + i + "]", found, visited, drop);
            }
            return;
        }
        if (value instanceof Map<?, ?> map) {
            for (Map.Entry<?, ?> e : map.entrySet()) {
                walk(e.getValue(), join(path, String.valueOf(e.getKey())), found, visited, drop);
            }
            return;
        }
        if (!isModel(value.getClass()) || !visited.add(value)) {
            return;
        }
        for (Property p : properties(value.getClass())) {
            Object child;
            try {
                child = p.field().get(value);
            } catch (IllegalAccessException e) {
                continue;
            }
            if (p.name() == null) {
                if (child instanceof Map<?, ?> extra) {
                    for (Object key : extra.keySet()) {
                        found.add(join(path, String.valueOf(key)));
                    }
                    if (drop && !extra.isEmpty()) {
                        extra.clear();
                    }
                }
            } else {
                walk(child, join(path, p.name()), found, visited, drop);
            }
        }
    }

    private static boolean isModel(Class<?> type) {
        return type.getName().startsWith(MODEL_PACKAGE) && !type.isEnum() && !FREE_FORM.contains(type.getName());
    }

    /** Declared JSON properties in declaration order; the {@code additionalProperties} field has no name. */
    private static List<Property> properties(Class<?> type) {
        return PROPERTIES.computeIfAbsent(type, t -> {
            List<Property> props = new ArrayList<>();
            for (Class<?> c = t; c != null && c != Object.class; c = c.getSuperclass()) {
                for (Field f : c.getDeclaredFields()) {
                    if (Modifier.isStatic(f.getModifiers())) {
                        continue;
                    }
                    JsonProperty json = f.getAnnotation(JsonProperty.class);
                    boolean extra = f.getName().equals("additionalProperties");
                    if (json == null && !extra) {
                        continue;
                    }
                    if (!f.trySetAccessible()) {
                        continue;
                    }
                    props.add(new Property(extra ? null : json.value(), f));
                }
            }
            return props;
        });
    }

    private static String join(String path, String name) {
        return path.isEmpty() ? name : path + "." + name;
    }
}
