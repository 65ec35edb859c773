package io.kubelite.objectstore.crd;

import dev.cel.common.CelAbstractSyntaxTree;
import dev.cel.common.CelValidationException;
import dev.cel.common.types.CelType;
import dev.cel.common.types.OptionalType;
import dev.cel.common.types.SimpleType;
import dev.cel.compiler.CelCompiler;
import dev.cel.runtime.CelEvaluationException;
import dev.cel.runtime.CelRuntime;
import io.kubelite.machinery.patch.JsonValues;
import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import io.kubelite.machinery.validation.GoValues;
import io.kubelite.objectstore.policy.PolicyCel;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A CustomResourceDefinition schema's {@code x-kubernetes-validations}: CEL rules over
 * {@code self}, the value of the schema node they sit on, checked against each object written, as
 * kube-apiserver checks them. Example: on {@code spec}, {@code {rule: "self.minReplicas <=
 * self.replicas", message: "replicas must not be below minReplicas"}} refuses
 * {@code spec: {minReplicas: 3, replicas: 1}} with {@code spec: Invalid value: "object": replicas
 * must not be below minReplicas}; without a message the detail is {@code failed rule: <rule>}.
 *
 * <p>Rules sit anywhere in the schema: under {@code properties}, on list {@code items} (checked
 * for each element, reported at {@code spec.ports[2]}) and on {@code additionalProperties} (each
 * value of a map, at {@code spec.labels[app]}). A rule reading {@code oldSelf} is a transition
 * rule: on an update it compares the value with the one it replaces ({@code self == oldSelf,
 * message: "replicas is immutable"}); it is skipped on a create and where the old value cannot be
 * correlated (a new map key, an element of a list that is not {@code x-kubernetes-list-type:
 * map}), unless {@code optionalOldSelf: true} makes {@code oldSelf} an optional that is then
 * {@code optional.none()}. {@code messageExpression} computes the message (falling back to
 * {@code message} when it fails or gives an empty string), {@code fieldPath} moves the error to a
 * field below the rule, {@code reason} chooses the error's type.
 *
 * <p>Ratcheting (kube's CRDValidationRatcheting, on by default): on an update, a rule that does not
 * read {@code oldSelf} and fails on a value unchanged since the old object — or inside an unchanged
 * correlatable parent — does not refuse the write; the failure comes back as a warning, so objects
 * stored before a rule was added can still be updated elsewhere.
 *
 * <p>Rules are compiled once per schema, with {@code self} typed by it as kube types it
 * ({@link SchemaTypes}: a misspelt field, {@code self.replics}, is a compile error that refuses the
 * definition) and values converted to match ({@link SchemaValues}: numbers, durations, timestamps,
 * bytes). At the resource root {@code self.metadata} holds only {@code name} and
 * {@code generateName}, as in Kubernetes.
 */
public final class ValidationRules {

    /**
     * The compilers of one schema node's rules: {@code self} and {@code oldSelf} typed by the
     * schema ({@link SchemaTypes}), {@code oldSelf} an optional for {@code optionalOldSelf} rules;
     * built when first needed.
     */
    private static final class Compilers {

        private final SchemaTypes types;
        private final Map<String, CelCompiler> built = new HashMap<>();

        Compilers(JsonNode schema, boolean resourceRoot) {
            this.types = SchemaTypes.of(schema, resourceRoot);
        }

        CelCompiler rule(boolean optionalOldSelf) {
            return compiler(optionalOldSelf, SimpleType.BOOL);
        }

        CelCompiler message(boolean optionalOldSelf) {
            return compiler(optionalOldSelf, SimpleType.STRING);
        }

        private CelCompiler compiler(boolean optionalOldSelf, CelType result) {
            return built.computeIfAbsent(optionalOldSelf + "/" + result.name(), k -> PolicyCel.selfCompiler(types.type(),
                    optionalOldSelf ? OptionalType.create(types.type()) : types.type(), result, types));
        }
    }

    /** The longest message a messageExpression may give (kube's MaxEvaluatedMessageExpressionSizeBytes). */
    private static final int MAX_MESSAGE_BYTES = 5 * 1024;

    /** One rule as compiled: {@code fieldPath} relative to the node ({@code ""}: the node itself). */
    private record Rule(String source, String message, String reason, String fieldPath, CelRuntime.Program program,
                        CelRuntime.Program messageExpression, boolean usesOldSelf, boolean optionalOldSelf,
                        String compileError) {

        /** kube's ruleErrorString: the message if there is one, else the rule. */
        String errorString() {
            return message.isEmpty() ? source.strip() : message;
        }

        String messageOrDefault() {
            return message.isEmpty() ? "failed rule: " + source.strip() : message;
        }
    }

    /** A schema node holding rules or leading to nodes that do, with what correlating old values needs. */
    private record Node(JsonNode schema, String type, List<Rule> rules, Map<String, Node> properties, Node items, Node additionalProperties,
                        String listType, List<String> listMapKeys, String mapType) {

        boolean mapCorrelatable() {
            return mapType.isEmpty() || mapType.equals("granular") || mapType.equals("atomic");
        }

        /** The element of {@code oldList} with the same map keys as {@code element}, if this is a map-list. */
        JsonNode correlatedItem(JsonNode element, JsonNode oldList) {
            if (!listType.equals("map") || oldList == null || !oldList.isArray() || !element.isObject()) {
                return null;
            }
            for (JsonNode candidate : oldList) {
                boolean same = candidate.isObject();
                for (String key : listMapKeys) {
                    same = same && JsonValues.equal(candidate.path(key), element.path(key));
                }
                if (same) {
                    return candidate;
                }
            }
            return null;
        }
    }

    /** Errors refuse the write; warnings are failures ratcheted on an update (see the class comment). */
    public record Outcome(List<FieldError> errors, List<String> warnings) {

        static final Outcome NONE = new Outcome(List.of(), List.of());
    }

    private final Node root;

    private ValidationRules(Node root) {
        this.root = root;
    }

    /** Compiles the rules of {@code schema} (a version's openAPIV3Schema; null: none). */
    public static ValidationRules of(JsonNode schema) {
        return new ValidationRules(schema == null || !schema.isObject() ? null : node(schema, true));
    }

    public boolean isEmpty() {
        return root == null;
    }

    private static Node node(JsonNode schema, boolean resourceRoot) {
        List<Rule> rules = new ArrayList<>();
        Compilers compilers = schema.path("x-kubernetes-validations").isEmpty() ? null : new Compilers(schema, resourceRoot);
        for (JsonNode v : schema.path("x-kubernetes-validations")) {
            rules.add(compile(v, schema, compilers));
        }
        Map<String, Node> properties = new LinkedHashMap<>();
        schema.path("properties").properties().forEach(e -> {
            Node child = e.getValue().isObject() ? node(e.getValue(), false) : null;
            if (child != null) {
                properties.put(e.getKey(), child);
            }
        });
        Node items = schema.path("items").isObject() ? node(schema.path("items"), false) : null;
        Node additional = schema.path("additionalProperties").isObject() ? node(schema.path("additionalProperties"), false) : null;
        if (rules.isEmpty() && properties.isEmpty() && items == null && additional == null) {
            return null;
        }
        List<String> keys = new ArrayList<>();
        schema.path("x-kubernetes-list-map-keys").forEach(k -> keys.add(k.asString("")));
        return new Node(schema, schema.path("type").asString(""), List.copyOf(rules), properties, items, additional,
                schema.path("x-kubernetes-list-type").asString(""), List.copyOf(keys),
                schema.path("x-kubernetes-map-type").asString(""));
    }

    private static Rule compile(JsonNode v, JsonNode schema, Compilers compilers) {
        String source = v.path("rule").asString("");
        boolean optional = v.path("optionalOldSelf").asBoolean(false);
        String message = v.path("message").asString("").strip();
        String reason = v.hasNonNull("reason") ? v.path("reason").asString("") : "";
        String fieldPath = "";
        if (!v.path("fieldPath").asString("").isEmpty()) {
            RuleFieldPath.Parsed parsed = RuleFieldPath.parse(v.path("fieldPath").asString(""), schema);
            fieldPath = parsed.relative() == null ? "" : parsed.relative();
        }
        try {
            CelAbstractSyntaxTree ast = compilers.rule(optional).compile(source).getAst();
            CelRuntime.Program messageExpression = null;
            String messageSource = v.path("messageExpression").asString("");
            if (!messageSource.isBlank()) {
                try {
                    messageExpression = PolicyCel.program(compilers.message(optional).compile(messageSource).getAst());
                } catch (CelValidationException | CelEvaluationException e) {
                    messageExpression = null; // refused when the definition is written; falls back to message
                }
            }
            return new Rule(source, message, reason, fieldPath, PolicyCel.program(ast), messageExpression,
                    readsOldSelf(ast), optional, null);
        } catch (CelValidationException | CelEvaluationException e) {
            return new Rule(source, message, reason, fieldPath, null, null, false, optional, e.getMessage());
        }
    }

    private static boolean readsOldSelf(CelAbstractSyntaxTree ast) {
        return ast.getReferenceMap().values().stream().anyMatch(r -> r.name().equals("oldSelf"));
    }

    /** The rules {@code object} breaks on a create. */
    public List<FieldError> validate(JsonNode object) {
        return validate(object, null).errors();
    }

    /**
     * The rules {@code object} breaks; {@code old} is the object it replaces (null on a create), read
     * by transition rules and for ratcheting.
     */
    public Outcome validate(JsonNode object, JsonNode old) {
        if (root == null) {
            return Outcome.NONE;
        }
        Walk walk = new Walk();
        Ratchet start = old == null ? Ratchet.NONE : new Ratchet(new Pair(object, old, root), null);
        walk.node(root, object, old, FieldPath.ROOT, start, true);
        return new Outcome(List.copyOf(walk.errors), List.copyOf(walk.warnings));
    }

    /** A value and the old value it correlates with, at a schema node. */
    private record Pair(JsonNode value, JsonNode old, Node node) {

        boolean unchanged() {
            return JsonValues.equal(value, old);
        }

        Pair key(String field, Node child) {
            if (!value.isObject() || old == null || !old.isObject() || !value.has(field) || !old.has(field)) {
                return null;
            }
            return new Pair(value.get(field), old.get(field), child);
        }

        Pair index(int i) {
            JsonNode element = value.get(i);
            JsonNode correlated = element == null ? null : node.correlatedItem(element, old);
            return correlated == null ? null : new Pair(element, correlated, node.items());
        }
    }

    /**
     * Where ratcheting stands while walking down: the current value's correlation with the old
     * object, else the nearest correlated parent's (kube's ratchetingOptions).
     */
    private record Ratchet(Pair current, Pair parent) {

        static final Ratchet NONE = new Ratchet(null, null);

        Ratchet key(String field, Node child) {
            if (current == null) {
                return this;
            }
            if (parent == null && (field.equals("apiVersion") || field.equals("kind"))) {
                return NONE;
            }
            return new Ratchet(current.key(field, child), current);
        }

        Ratchet index(int i) {
            return current == null ? this : new Ratchet(current.index(i), current);
        }

        boolean unchanged() {
            return current != null ? current.unchanged() : parent != null && parent.unchanged();
        }
    }

    private static final class Walk {

        final List<FieldError> errors = new ArrayList<>();
        final List<String> warnings = new ArrayList<>();

        void node(Node node, JsonNode value, JsonNode old, FieldPath at, Ratchet ratchet, boolean resourceRoot) {
            if (value == null || value.isMissingNode() || value.isNull()) {
                return;
            }
            if (old != null && (old.isMissingNode() || old.isNull())) {
                old = null;
            }
            if (!node.rules().isEmpty()) {
                rules(node, value, old, at, ratchet, resourceRoot);
            }
            if (value.isArray() && node.items() != null) {
                for (int i = 0; i < value.size(); i++) {
                    JsonNode element = value.get(i);
                    node(node.items(), element, node.correlatedItem(element, old), at.index(i), ratchet.index(i), false);
                }
            } else if (value.isObject()) {
                JsonNode oldMap = node.mapCorrelatable() && old != null && old.isObject() ? old : null;
                if (node.additionalProperties() != null) {
                    value.properties().forEach(e -> node(node.additionalProperties(), e.getValue(),
                            oldMap == null ? null : oldMap.get(e.getKey()), at.key(e.getKey()),
                            ratchet.key(e.getKey(), node.additionalProperties()), false));
                }
                value.properties().forEach(e -> {
                    Node child = node.properties().get(e.getKey());
                    if (child != null) {
                        node(child, e.getValue(), oldMap == null ? null : oldMap.get(e.getKey()),
                                at.child(e.getKey()), ratchet.key(e.getKey(), child), false);
                    }
                });
            }
        }

        private void rules(Node node, JsonNode value, JsonNode old, FieldPath at, Ratchet ratchet, boolean resourceRoot) {
            String type = resourceRoot ? "object" : node.type();
            Object self = SchemaValues.toCel(resourceRoot ? rootView(value) : value, node.schema());
            Object oldSelf = old == null ? null : SchemaValues.toCel(resourceRoot ? rootView(old) : old, node.schema());
            FieldPath here = resourceRoot ? FieldPath.of("<nil>") : at;
            for (Rule rule : node.rules()) {
                if (rule.compileError() != null) {
                    errors.add(FieldError.invalid(here, type, "rule compile error: " + rule.compileError()));
                    continue;
                }
                if (rule.usesOldSelf() && oldSelf == null && !rule.optionalOldSelf()) {
                    continue;
                }
                Map<String, Object> activation = new HashMap<>();
                activation.put("self", self);
                if (rule.optionalOldSelf()) {
                    activation.put("oldSelf", Optional.ofNullable(oldSelf));
                } else if (oldSelf != null) {
                    activation.put("oldSelf", oldSelf);
                }
                Object result;
                try {
                    result = rule.program().eval(activation);
                } catch (CelEvaluationException e) {
                    String error = PolicyCel.celGoMessage(e);
                    errors.add(FieldError.invalid(here, type, error.startsWith("no such overload")
                            ? "'" + error + "': call arguments did not match a supported operator, function or macro "
                              + "signature for rule: " + rule.errorString()
                            : error + " evaluating rule: " + rule.errorString()));
                    continue;
                }
                if (Boolean.TRUE.equals(result)) {
                    continue;
                }
                FieldPath reported = rule.fieldPath().isEmpty() ? here
                        : resourceRoot ? new FieldPath(rule.fieldPath()) : here.child(rule.fieldPath());
                FieldError error = failure(rule, reported, type, message(rule, activation));
                if (!rule.usesOldSelf() && ratchet.unchanged()) {
                    warnings.add(error.toString());
                } else {
                    errors.add(error);
                }
            }
        }

        /** The messageExpression's message, else the rule's message (or {@code failed rule: …}). */
        private static String message(Rule rule, Map<String, Object> activation) {
            if (rule.messageExpression() != null) {
                try {
                    if (rule.messageExpression().eval(activation) instanceof String s) {
                        String message = s.strip();
                        if (!message.isEmpty() && !message.contains("\n")
                                && message.getBytes(java.nio.charset.StandardCharsets.UTF_8).length <= MAX_MESSAGE_BYTES) {
                            return message;
                        }
                    }
                } catch (CelEvaluationException e) {
                    // kube logs it and uses the message instead
                }
            }
            return rule.messageOrDefault();
        }

        private static FieldError failure(Rule rule, FieldPath at, String type, String detail) {
            return switch (rule.reason()) {
                case "FieldValueForbidden" -> FieldError.forbidden(at, detail);
                case "FieldValueRequired" -> FieldError.required(at, detail);
                case "FieldValueDuplicate" -> FieldError.duplicate(at, type);
                default -> FieldError.invalid(at, type, detail);
            };
        }

        /** The object as rules at its root see it: metadata reduced to name and generateName. */
        private static JsonNode rootView(JsonNode object) {
            if (!object.isObject() || !object.path("metadata").isObject()) {
                return object;
            }
            ObjectNode view = ((ObjectNode) object).deepCopy();
            ObjectNode metadata = JsonNodeFactory.instance.objectNode();
            for (String field : List.of("name", "generateName")) {
                if (object.path("metadata").has(field)) {
                    metadata.set(field, object.path("metadata").get(field));
                }
            }
            view.set("metadata", metadata);
            return view;
        }
    }

    /**
     * The rules of a definition kube-apiserver refuses, at {@code spec.validation.openAPIV3Schema…}
     * when every version has the same schema, else at {@code spec.versions[i].schema.openAPIV3Schema…}:
     * rules and messageExpressions that do not compile, invalid fieldPaths, and transition rules
     * where old values cannot be correlated. Example: {@code
     * spec.validation.openAPIV3Schema.properties[spec].x-kubernetes-validations[0].rule: Invalid value:
     * apiextensions.ValidationRule{Rule:"self.a +", …}: compilation failed: ERROR: <input>:1:9: …}.
     */
    public static List<FieldError> compileErrors(JsonNode crd) {
        List<JsonNode> schemas = new ArrayList<>();
        crd.path("spec").path("versions").forEach(v -> schemas.add(v.path("schema").path("openAPIV3Schema")));
        boolean shared = schemas.stream().distinct().count() <= 1;
        List<FieldError> errors = new ArrayList<>();
        for (int i = 0; i < schemas.size() && (i == 0 || !shared); i++) {
            String root = shared ? "spec.validation.openAPIV3Schema" : "spec.versions[" + i + "].schema.openAPIV3Schema";
            compileErrors(schemas.get(i), root, null, errors, true);
        }
        return errors;
    }

    private static void compileErrors(JsonNode schema, String path, String uncorrelatable, List<FieldError> errors,
                                      boolean resourceRoot) {
        if (schema == null || !schema.isObject()) {
            return;
        }
        JsonNode rules = schema.path("x-kubernetes-validations");
        Compilers compilers = rules.isEmpty() ? null : new Compilers(schema, resourceRoot);
        for (int i = 0; i < rules.size(); i++) {
            JsonNode v = rules.get(i);
            String at = path + ".x-kubernetes-validations[" + i + "]";
            String fieldPath = v.path("fieldPath").asString("");
            if (v.has("fieldPath")) {
                if (fieldPath.isBlank()) {
                    errors.add(new FieldError(at + ".fieldPath", FieldError.Type.INVALID, fieldPath,
                            "fieldPath must be non-empty if specified"));
                } else if (fieldPath.contains("\n") || fieldPath.contains("\r")) {
                    errors.add(new FieldError(at + ".fieldPath", FieldError.Type.INVALID, fieldPath,
                            "fieldPath must not contain line breaks"));
                } else {
                    String error = RuleFieldPath.parse(fieldPath, schema).error();
                    if (error != null) {
                        errors.add(new FieldError(at + ".fieldPath", FieldError.Type.INVALID, fieldPath,
                                "fieldPath must be a valid path: " + error));
                    }
                }
            }
            String source = v.path("rule").asString("");
            if (source.isBlank()) {
                continue;
            }
            boolean optional = v.path("optionalOldSelf").asBoolean(false);
            try {
                CelAbstractSyntaxTree ast = compilers.rule(optional).compile(source).getAst();
                if (readsOldSelf(ast) && uncorrelatable != null) {
                    errors.add(new FieldError(at + ".rule", FieldError.Type.INVALID, source,
                            "oldSelf cannot be used on the uncorrelatable portion of the schema within " + uncorrelatable));
                }
            } catch (CelValidationException e) {
                errors.add(new FieldError(at + ".rule", FieldError.Type.INVALID, ruleLiteral(v),
                        "compilation failed: " + e.getMessage()));
            }
            String messageSource = v.path("messageExpression").asString("");
            if (!messageSource.isBlank()) {
                try {
                    compilers.message(optional).compile(messageSource).getAst();
                } catch (CelValidationException e) {
                    errors.add(new FieldError(at + ".messageExpression", FieldError.Type.INVALID, ruleLiteral(v),
                            "messageExpression compilation failed: " + e.getMessage()));
                }
            }
        }
        schema.path("properties").properties().forEach(e ->
                compileErrors(e.getValue(), path + ".properties[" + e.getKey() + "]", uncorrelatable, errors, false));
        if (schema.path("items").isObject()) {
            String items = path + ".items";
            boolean mapList = schema.path("x-kubernetes-list-type").asString("").equals("map");
            compileErrors(schema.get("items"), items, uncorrelatable != null || mapList ? uncorrelatable : items, errors, false);
        }
        if (schema.path("additionalProperties").isObject()) {
            compileErrors(schema.get("additionalProperties"), path + ".additionalProperties", uncorrelatable, errors, false);
        }
    }

    /** The rule as kube prints its Go struct in an error. */
    private static GoValues.Literal ruleLiteral(JsonNode v) {
        return new GoValues.Literal("apiextensions.ValidationRule{Rule:" + GoValues.quote(v.path("rule").asString(""))
                + ", Message:" + GoValues.quote(v.path("message").asString(""))
                + ", MessageExpression:" + GoValues.quote(v.path("messageExpression").asString(""))
                + ", Reason:" + (v.hasNonNull("reason") ? "\"" + v.path("reason").asString("") + "\""
                        : "(*apiextensions.FieldValueErrorReason)(nil)")
                + ", FieldPath:" + GoValues.quote(v.path("fieldPath").asString(""))
                + ", OptionalOldSelf:" + (v.has("optionalOldSelf") ? "(*bool)(" + v.path("optionalOldSelf").asBoolean(false) + ")"
                        : "(*bool)(nil)") + "}");
    }
}
