package io.kubelite.machinery.schema;

import static io.kubelite.machinery.schema.Keywords.isTrue;
import static io.kubelite.machinery.schema.Keywords.object;
import static io.kubelite.machinery.schema.Keywords.properties;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * A CRD schema's {@code default}s must survive pruning unchanged and pass the schema of the node
 * that declares them (apiextensions {@code ValidateDefaults}). Example: {@code {type: integer,
 * minimum: 1, default: 0}} at {@code p.properties[replicas]} yields
 * {@code p.properties[replicas].default: Invalid value: 0:  in body should be greater than or
 * equal to 1} (kube-openapi names the default's root with the empty string, hence the double
 * space). Defaults are not followed into {@code additionalProperties}, where they are forbidden.
 */
final class DefaultRules {

    private static final Set<String> META = Set.of("apiVersion", "kind", "metadata");

    private DefaultRules() {
    }

    static void check(JsonNode schema, FieldPath path, List<FieldError> errs) {
        walk(schema, path, true, false, errs);
    }

    private static void walk(JsonNode s, FieldPath p, boolean resourceRoot, boolean insideMeta, List<FieldError> errs) {
        boolean resource = resourceRoot || isTrue(s, "x-kubernetes-embedded-resource");
        if (resource) {
            insideMeta = false;
        }
        JsonNode value = s.get("default");
        // defaults inside TypeMeta/ObjectMeta are checked by kube as metadata; they are not checked here
        if (value != null && !value.isNull() && !insideMeta) {
            StructuralSchema node = StructuralSchema.of(s);
            JsonNode pruned = value.deepCopy();
            Pruning.prune(pruned, node, isTrue(s, "x-kubernetes-embedded-resource"));
            if (!SchemaValidation.same(pruned, value)) {
                errs.add(FieldError.invalid(p.child("default"), GoFormat.badValue(value), "must not have unknown fields"));
            }
            errs.addAll(new SchemaValidation(p.child("default"), false).validate(node, value));
        }
        JsonNode items = object(s, "items");
        if (items != null) {
            walk(items, p.child("items"), false, insideMeta, errs);
        }
        for (Map.Entry<String, JsonNode> e : properties(s, "properties").entrySet()) {
            if (e.getValue().isObject()) {
                boolean meta = insideMeta || (resource && META.contains(e.getKey()));
                walk(e.getValue(), p.child("properties").key(e.getKey()), false, meta, errs);
            }
        }
    }
}
