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
 * Which OpenAPI keywords a CRD schema may use and how the Kubernetes extensions combine
 * (apiextensions {@code ValidateCustomResourceDefinitionOpenAPISchema}): no {@code $ref},
 * {@code uniqueItems}, {@code patternProperties} and the like; {@code properties} and
 * {@code additionalProperties} exclude each other; {@code x-kubernetes-list-type: map} needs
 * object items whose key properties are scalars and required or defaulted; no {@code default}
 * in the root's {@code metadata}, {@code apiVersion} and {@code kind}.
 *
 * <p>Example: {@code {type: array, uniqueItems: true, items: {type: string}}} at
 * {@code p.properties[tags]} reads {@code p.properties[tags].uniqueItems: Forbidden: uniqueItems
 * cannot be set to true since the runtime complexity becomes quadratic}.
 */
final class OpenApiSchemaRules {

    private static final List<String> TYPES = List.of("array", "boolean", "integer", "number", "object", "string");
    private static final Set<String> META = Set.of("metadata", "kind", "apiVersion");

    /** Where in the schema the walk is: whether defaults are allowed, and inside a resource's metadata. */
    private record Context(boolean allowDefaults, String disallowReason, boolean insideResourceMeta) {

        Context forbidDefaults(String reason) {
            return new Context(false, reason, insideResourceMeta);
        }

        Context insideMeta() {
            return new Context(allowDefaults, disallowReason, true);
        }
    }

    private OpenApiSchemaRules() {
    }

    static void check(JsonNode schema, FieldPath p, List<FieldError> errs) {
        walk(schema, p, new Context(true, "", false), true, errs);
    }

    private static void walk(JsonNode s, FieldPath p, Context ctx, boolean root, List<FieldError> errs) {
        if (s == null || !s.isObject()) {
            return;
        }
        keywords(s, p, ctx, errs);
        if (isTrue(s, "uniqueItems")) {
            errs.add(FieldError.forbidden(p.child("uniqueItems"), "uniqueItems cannot be set to true since the runtime complexity becomes quadratic"));
        }
        Map<String, JsonNode> props = properties(s, "properties");
        if (has(s, "additionalProperties")) {
            JsonNode additional = s.get("additionalProperties");
            boolean forbidsOrSpecifies = additional.isObject() || (additional.isBoolean() && !additional.booleanValue());
            if (!props.isEmpty() && forbidsOrSpecifies) {
                errs.add(FieldError.forbidden(p.child("additionalProperties"), "additionalProperties and properties are mutual exclusive"));
            }
            Context sub = ctx.insideResourceMeta() ? ctx.forbidDefaults("inside additionalProperties applying to object metadata") : ctx;
            walk(object(s, "additionalProperties"), p.child("additionalProperties"), sub, false, errs);
        }
        for (Map.Entry<String, JsonNode> e : props.entrySet()) {
            Context sub = ctx;
            if ((root || isTrue(s, "x-kubernetes-embedded-resource")) && META.contains(e.getKey())) {
                sub = sub.insideMeta();
                if (root) {
                    sub = sub.forbidDefaults("in top-level " + e.getKey());
                }
            }
            walk(e.getValue(), p.child("properties").key(e.getKey()), sub, false, errs);
        }
        walk(object(s, "not"), p.child("not"), ctx, false, errs);
        for (String junctor : List.of("allOf", "oneOf", "anyOf")) {
            List<JsonNode> parts = Keywords.array(s, junctor);
            for (int i = 0; i < parts.size(); i++) {
                walk(parts.get(i), p.child(junctor).index(i), ctx, false, errs);
            }
        }
        for (Map.Entry<String, JsonNode> e : properties(s, "definitions").entrySet()) {
            walk(e.getValue(), p.child("definitions").key(e.getKey()), ctx, false, errs);
        }
        JsonNode items = s.get("items");
        if (items != null && items.isObject()) {
            walk(items, p.child("items"), ctx, false, errs);
        } else if (items != null && items.isArray()) {
            for (int i = 0; i < items.size(); i++) {
                walk(items.get(i), p.child("items").index(i), ctx, false, errs);
            }
        }
        for (Map.Entry<String, JsonNode> e : properties(s, "dependencies").entrySet()) {
            walk(e.getValue(), p.child("dependencies").key(e.getKey()), ctx, false, errs);
        }
        extensions(s, p, errs);
        ListRules.check(s, p, errs);
        validations(s, p, errs);
    }

    /** The keywords kube does not support in CRD schemas at all. */
    private static void keywords(JsonNode s, FieldPath p, Context ctx, List<FieldError> errs) {
        String type = text(s, "type");
        if (!type.isEmpty() && !TYPES.contains(type)) {
            errs.add(FieldError.notSupported(p.child("type"), type, TYPES));
        }
        if (has(s, "default") && !ctx.allowDefaults()) {
            String reason = ctx.disallowReason().isEmpty() ? "" : " " + ctx.disallowReason();
            errs.add(FieldError.forbidden(p.child("default"), "must not be set" + reason));
        }
        if (!text(s, "id").isEmpty()) {
            errs.add(FieldError.forbidden(p.child("id"), "id is not supported"));
        }
        if (has(s, "additionalItems")) {
            errs.add(FieldError.forbidden(p.child("additionalItems"), "additionalItems is not supported"));
        }
        if (!properties(s, "patternProperties").isEmpty()) {
            errs.add(FieldError.forbidden(p.child("patternProperties"), "patternProperties is not supported"));
        }
        if (!properties(s, "definitions").isEmpty()) {
            errs.add(FieldError.forbidden(p.child("definitions"), "definitions is not supported"));
        }
        if (has(s, "dependencies")) {
            errs.add(FieldError.forbidden(p.child("dependencies"), "dependencies is not supported"));
        }
        if (has(s, "$ref")) {
            errs.add(FieldError.forbidden(p.child("$ref"), "$ref is not supported"));
        }
        if (type.equals("null")) {
            errs.add(FieldError.forbidden(p.child("type"), "type cannot be set to null, use nullable as an alternative"));
        }
        JsonNode items = s.get("items");
        if (items != null && items.isArray() && !items.isEmpty()) {
            errs.add(FieldError.forbidden(p.child("items"), "items must be a schema object and not an array"));
        }
        if (ctx.insideResourceMeta() && isTrue(s, "x-kubernetes-embedded-resource")) {
            errs.add(FieldError.forbidden(p.child("x-kubernetes-embedded-resource"), "must not be used inside of resource meta"));
        }
    }

    private static void extensions(JsonNode s, FieldPath p, List<FieldError> errs) {
        JsonNode preserve = s.get("x-kubernetes-preserve-unknown-fields");
        if (preserve != null && preserve.isBoolean() && !preserve.booleanValue()) {
            errs.add(FieldError.invalid(p.child("x-kubernetes-preserve-unknown-fields"), false, "must be true or undefined"));
        }
        String type = text(s, "type");
        if (has(s, "x-kubernetes-map-type")) {
            if (!type.equals("object")) {
                errs.add(type.isEmpty()
                        ? FieldError.required(p.child("type"), "must be object if x-kubernetes-map-type is specified")
                        : FieldError.invalid(p.child("type"), type, "must be object if x-kubernetes-map-type is specified"));
            }
            String mapType = text(s, "x-kubernetes-map-type");
            if (!mapType.equals("atomic") && !mapType.equals("granular")) {
                errs.add(FieldError.notSupported(p.child("x-kubernetes-map-type"), mapType, List.of("atomic", "granular")));
            }
        }
    }

    /** x-kubernetes-validations: only the shape of each rule; CEL expressions are not compiled here. */
    private static void validations(JsonNode s, FieldPath p, List<FieldError> errs) {
        List<JsonNode> rules = Keywords.array(s, "x-kubernetes-validations");
        Set<String> reasons = new HashSet<>(List.of("FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired"));
        for (int i = 0; i < rules.size(); i++) {
            JsonNode rule = rules.get(i);
            FieldPath at = p.child("x-kubernetes-validations").index(i);
            String message = text(rule, "message");
            if (text(rule, "rule").trim().isEmpty()) {
                errs.add(FieldError.required(at.child("rule"), "rule is not specified"));
            } else if (!message.isEmpty() && message.trim().isEmpty()) {
                errs.add(FieldError.invalid(at.child("message"), message, "message must be non-empty if specified"));
            } else if (message.length() > 2048) {
                errs.add(FieldError.invalid(at.child("message"), message.substring(0, 10) + "...",
                        "message must have a maximum length of 2048 characters"));
            } else if (lineBreaks(message.trim())) {
                errs.add(FieldError.invalid(at.child("message"), message, "message must not contain line breaks"));
            } else if (lineBreaks(text(rule, "rule").trim()) && message.trim().isEmpty()) {
                errs.add(FieldError.required(at.child("message"), "message must be specified if rule contains line breaks"));
            }
            String messageExpression = text(rule, "messageExpression");
            if (!messageExpression.isEmpty() && messageExpression.trim().isEmpty()) {
                errs.add(FieldError.required(at.child("messageExpression"), "messageExpression must be non-empty if specified"));
            }
            String reason = text(rule, "reason");
            if (has(rule, "reason") && !reasons.contains(reason)) {
                errs.add(FieldError.notSupported(at.child("reason"), reason, List.of(
                        "FieldValueDuplicate", "FieldValueForbidden", "FieldValueInvalid", "FieldValueRequired")));
            }
        }
    }

    private static boolean lineBreaks(String s) {
        return s.contains("\n") || s.contains("\r");
    }
}
