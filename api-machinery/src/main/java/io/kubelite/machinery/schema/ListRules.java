package io.kubelite.machinery.schema;

import static io.kubelite.machinery.schema.Keywords.has;
import static io.kubelite.machinery.schema.Keywords.isTrue;
import static io.kubelite.machinery.schema.Keywords.object;
import static io.kubelite.machinery.schema.Keywords.properties;
import static io.kubelite.machinery.schema.Keywords.text;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * The rules of {@code x-kubernetes-list-type} and {@code x-kubernetes-list-map-keys}, which
 * server-side apply relies on to merge lists.
 *
 * <p>A {@code map} list has object items keyed by scalar properties that are required or
 * defaulted and never null: {@code {type: array, x-kubernetes-list-type: map,
 * x-kubernetes-list-map-keys: [name], items: {type: object, properties: {name: {type: string}}}}}
 * yields {@code p.items.properties[name].default: Required value: this property is in
 * x-kubernetes-list-map-keys, so it must have a default or be a required property}. A {@code set}
 * list's object or array items must be atomic.
 */
final class ListRules {

    private ListRules() {
    }

    static void check(JsonNode s, FieldPath p, List<FieldError> errs) {
        String type = text(s, "type");
        boolean hasListType = has(s, "x-kubernetes-list-type");
        String listType = text(s, "x-kubernetes-list-type");
        JsonNode items = object(s, "items");
        if (hasListType && !type.equals("array")) {
            errs.add(type.isEmpty()
                    ? FieldError.required(p.child("type"), "must be array if x-kubernetes-list-type is specified")
                    : FieldError.invalid(p.child("type"), type, "must be array if x-kubernetes-list-type is specified"));
        } else if (listType.equals("set") && items != null) {
            atomicSetItems(items, p, errs);
        }
        if (hasListType && !List.of("atomic", "set", "map").contains(listType)) {
            errs.add(FieldError.notSupported(p.child("x-kubernetes-list-type"), listType, List.of("atomic", "set", "map")));
        }
        List<String> keys = Keywords.strings(s, "x-kubernetes-list-map-keys");
        if (!keys.isEmpty()) {
            if (!hasListType) {
                errs.add(FieldError.required(p.child("x-kubernetes-list-type"), "must be map if x-kubernetes-list-map-keys is non-empty"));
            } else if (!listType.equals("map")) {
                errs.add(FieldError.invalid(p.child("x-kubernetes-list-type"), listType, "must be map if x-kubernetes-list-map-keys is non-empty"));
            }
        }
        if (listType.equals("map")) {
            mapList(s, keys, p, errs);
        }
        if (items != null && (listType.equals("set") || listType.equals("map"))) {
            keysAndItemsNotNullable(items, listType, keys, p, errs);
        }
    }

    private static void atomicSetItems(JsonNode items, FieldPath p, List<FieldError> errs) {
        String itemType = text(items, "type");
        // kube reports the items' list type as the value in both cases (nil prints as "null")
        Object itemListType = has(items, "x-kubernetes-list-type") ? text(items, "x-kubernetes-list-type") : "null";
        if (itemType.equals("array") && has(items, "x-kubernetes-list-type") && !text(items, "x-kubernetes-list-type").equals("atomic")) {
            errs.add(FieldError.invalid(p.child("items").child("x-kubernetes-list-type"), itemListType,
                    "must be atomic as item of a list with x-kubernetes-list-type=set"));
        } else if (itemType.equals("object") && !text(items, "x-kubernetes-map-type").equals("atomic")) {
            errs.add(FieldError.invalid(p.child("items").child("x-kubernetes-map-type"), itemListType,
                    "must be atomic as item of a list with x-kubernetes-list-type=set"));
        }
    }

    private static void mapList(JsonNode s, List<String> keys, FieldPath p, List<FieldError> errs) {
        if (keys.isEmpty()) {
            errs.add(FieldError.required(p.child("x-kubernetes-list-map-keys"), "must not be empty if x-kubernetes-list-type is map"));
        }
        JsonNode items = s.get("items");
        if (items == null || items.isNull()) {
            errs.add(FieldError.required(p.child("items"), "must have a schema if x-kubernetes-list-type is map"));
            return;
        }
        if (!items.isObject()) {
            errs.add(FieldError.invalid(p.child("items"), new io.kubelite.machinery.validation.GoValues.Literal(GoFormat.json(items)),
                    "must only have a single schema if x-kubernetes-list-type is map"));
            return;
        }
        String itemType = text(items, "type");
        if (!itemType.equals("object")) {
            errs.add(FieldError.invalid(p.child("items").child("type"), itemType, "must be object if parent array's x-kubernetes-list-type is map"));
            return;
        }
        Map<String, JsonNode> itemProps = properties(items, "properties");
        Set<String> seen = new HashSet<>();
        for (String key : keys) {
            JsonNode keySchema = itemProps.get(key);
            if (keySchema != null) {
                String keyType = text(keySchema, "type");
                if (keyType.equals("array") || keyType.equals("object")) {
                    // kube prints the items' type here, not the key's
                    errs.add(FieldError.invalid(p.child("items").child("properties").key(key).child("type"), itemType,
                            "must be a scalar type if parent array's x-kubernetes-list-type is map"));
                }
            } else {
                errs.add(FieldError.invalid(p.child("x-kubernetes-list-map-keys"), keys, "entries must all be names of item properties"));
            }
            if (!seen.add(key)) {
                errs.add(FieldError.invalid(p.child("x-kubernetes-list-map-keys"), keys, "must not contain duplicate entries"));
            }
        }
    }

    private static void keysAndItemsNotNullable(JsonNode items, String listType, List<String> keys, FieldPath p, List<FieldError> errs) {
        if (isTrue(items, "nullable")) {
            errs.add(FieldError.forbidden(p.child("items").child("nullable"), "cannot be nullable when x-kubernetes-list-type is " + listType));
        }
        if (!listType.equals("map")) {
            return;
        }
        Set<String> required = new HashSet<>(Keywords.strings(items, "required"));
        Map<String, JsonNode> itemProps = properties(items, "properties");
        for (String key : keys) {
            JsonNode keySchema = itemProps.get(key);
            if (keySchema == null) {
                continue;
            }
            FieldPath at = p.child("items").child("properties").key(key);
            if (!required.contains(key) && !has(keySchema, "default")) {
                errs.add(FieldError.required(at.child("default"),
                        "this property is in x-kubernetes-list-map-keys, so it must have a default or be a required property"));
            }
            if (isTrue(keySchema, "nullable")) {
                errs.add(FieldError.forbidden(at.child("nullable"), "this property is in x-kubernetes-list-map-keys, so it cannot be nullable"));
            }
        }
    }
}
