package io.kubelite.machinery.table;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;

/** ValidatingAdmissionPolicies and their bindings, with kube-apiserver's columns (descriptions spelt as kube spells them). */
final class AdmissionPolicyPrinters {

    private static final String UNSET = "<unset>";

    private AdmissionPolicyPrinters() {
    }

    /** NAME VALIDATIONS PARAMKIND AGE; PARAMKIND is {@code apiVersion/kind}, e.g. {@code v1/ConfigMap}. */
    static TablePrinter policies() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("Validations", "integer", "Validations indicates the number of validation rules defined in this"
                        + " configuration"),
                Columns.of("ParamKind", "string", "ParamKind specifies the kind of resources used to parameterize this policy"),
                Columns.AGE);
        return new RowPrinter(columns, (policy, now) -> {
            JsonNode spec = policy.path("spec");
            String paramKind = Fields.present(spec, "paramKind")
                    ? Fields.text(spec, "paramKind", "apiVersion") + "/" + Fields.text(spec, "paramKind", "kind") : UNSET;
            return List.of(Fields.name(policy), (long) Fields.list(spec, "validations").size(), paramKind,
                    Fields.age(policy, now));
        });
    }

    /** NAME POLICYNAME PARAMREF AGE. */
    static TablePrinter bindings() {
        List<Column> columns = List.of(
                Columns.NAME,
                Columns.of("PolicyName", "string", "PolicyName indicates the policy definition which the policy binding"
                        + " binded to"),
                Columns.of("ParamRef", "string", "ParamRef indicates the param resource which sets the configration param"),
                Columns.AGE);
        return new RowPrinter(columns, (binding, now) -> List.of(Fields.name(binding),
                Fields.text(binding, "spec", "policyName"), paramRef(binding.path("spec")), Fields.age(binding, now)));
    }

    /**
     * A named param as {@code namespace/name}, or <code>&#42;/name</code> without a namespace (the printer
     * cannot tell a cluster-scoped param from one in every namespace); a selector as Go prints a
     * {@code *metav1.LabelSelector} ({@link #goString}); {@code <unset>} otherwise.
     */
    private static String paramRef(JsonNode spec) {
        if (!Fields.present(spec, "paramRef")) {
            return UNSET;
        }
        JsonNode ref = spec.path("paramRef");
        String name = Fields.text(ref, "name");
        if (!name.isEmpty()) {
            String namespace = Fields.text(ref, "namespace");
            return (namespace.isEmpty() ? "*" : namespace) + "/" + name;
        }
        return Fields.present(ref, "selector") ? goString(ref.path("selector")) : UNSET;
    }

    /**
     * The {@code String()} generated for {@code metav1.LabelSelector}, labels sorted by key:
     * {@code {matchLabels: {env: prod}, matchExpressions: [{key: tier, operator: In, values: [web, api]}]}}
     * prints as {@code &LabelSelector{MatchLabels:map[string]string{env: prod,},MatchExpressions:
     * []LabelSelectorRequirement{LabelSelectorRequirement{Key:tier,Operator:In,Values:[web api],},},}}.
     */
    static String goString(JsonNode selector) {
        Map<String, String> labels = new TreeMap<>();
        JsonNode matchLabels = selector.path("matchLabels");
        if (matchLabels.isObject()) {
            matchLabels.properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        }
        StringBuilder sb = new StringBuilder("&LabelSelector{MatchLabels:map[string]string{");
        labels.forEach((key, value) -> sb.append(key).append(": ").append(value).append(','));
        sb.append("},MatchExpressions:[]LabelSelectorRequirement{");
        for (JsonNode requirement : Fields.list(selector, "matchExpressions")) {
            String values = Fields.list(requirement, "values").stream().map(v -> v.asString(""))
                    .collect(Collectors.joining(" ", "[", "]"));
            sb.append("LabelSelectorRequirement{Key:").append(Fields.text(requirement, "key"))
                    .append(",Operator:").append(Fields.text(requirement, "operator"))
                    .append(",Values:").append(values).append(",},");
        }
        return sb.append("},}").toString();
    }
}
