package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceColumnDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceConversion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionNames;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionSpec;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinitionVersion;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresourceScale;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceSubresources;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceValidation;
import io.fabric8.kubernetes.api.model.apiextensions.v1.WebhookClientConfig;
import io.kubelite.machinery.patch.JsonValues;
import io.kubelite.machinery.schema.StructuralSchema;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates a v1 CustomResourceDefinition on create as kube-apiserver does
 * (apiextensions {@code ValidateCustomResourceDefinition}), after the ObjectMeta rules that
 * {@link ObjectValidator} applies to every kind.
 *
 * <p>kube validates its internal form of the CRD, in which a schema, subresources or printer
 * columns that are identical in every version are moved to the spec's top level. So a CRD whose
 * only version lacks a type in {@code spec} is answered with
 * {@code spec.validation.openAPIV3Schema.properties[spec].type: Required value: must not be empty
 * for specified object fields}, while two versions with different schemas get
 * {@code spec.versions[1].schema.openAPIV3Schema...}. Likewise the first version's name is checked
 * a second time as {@code spec.version}, printer columns report {@code JSONPath} and a webhook's
 * client config {@code spec.conversion.webhookClientConfig}.
 *
 * <p>Example: {@code metadata.name: widgets.example} with {@code spec.group: example.com} and
 * {@code spec.names.plural: widgets} reads {@code metadata.name: Invalid value: "widgets.example":
 * must be spec.names.plural+"."+spec.group}.
 */
public final class CustomResourceDefinitionValidator {

    static final String APPROVAL_ANNOTATION = "api-approved.kubernetes.io";
    private static final String APPROVAL_PR = "https://github.com/kubernetes/enhancements/pull/1111";
    private static final List<String> COLUMN_TYPES = List.of("boolean", "date", "integer", "number", "string");
    private static final List<String> COLUMN_FORMATS = List.of("byte", "date", "date-time", "double", "float", "int32", "int64", "password");
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final FieldPath SPEC = FieldPath.of("spec");

    /** A CRD's per-version fields as kube validates them: hoisted to the top level when identical in every version. */
    private record Layout(JsonNode schema, JsonNode subresources, JsonNode columns) {
    }

    private CustomResourceDefinitionValidator() {
    }

    /**
     * The CRD rules beyond ObjectMeta's: its name, spec, accepted names and the API approval of
     * protected groups. The {@code <plural>.<group>} name error, which kube reports among the
     * ObjectMeta errors, comes first here, right after those of {@link MetaValidator}.
     *
     * @return the errors in kube's words; empty when the CRD may be created
     */
    public static List<FieldError> validate(CustomResourceDefinition crd) {
        CustomResourceDefinitionSpec spec = crd.getSpec() == null ? new CustomResourceDefinitionSpec() : crd.getSpec();
        List<FieldError> errs = new ArrayList<>(name(crd.getMetadata(), spec));
        errs.addAll(spec(spec));
        if (crd.getStatus() != null && crd.getStatus().getAcceptedNames() != null) {
            errs.addAll(names(crd.getStatus().getAcceptedNames(), FieldPath.of("status", "acceptedNames")));
        }
        errs.addAll(approval(crd.getMetadata(), spec.getGroup()));
        if (Boolean.TRUE.equals(spec.getPreserveUnknownFields())) {
            errs.add(FieldError.invalid(SPEC.child("preserveUnknownFields"), true,
                    "cannot set to true, set x-kubernetes-preserve-unknown-fields to true in spec.versions[*].schema instead"));
        }
        return errs;
    }

    /** The name (and a generateName) must be {@code <plural>.<group>}. */
    private static List<FieldError> name(ObjectMeta meta, CustomResourceDefinitionSpec spec) {
        String required = Checks.or(names(spec).getPlural(), "") + "." + Checks.or(spec.getGroup(), "");
        List<FieldError> errs = new ArrayList<>();
        if (meta == null) {
            return errs;
        }
        String mismatch = "must be spec.names.plural+\".\"+spec.group";
        if (!Checks.isEmpty(meta.getGenerateName()) && !meta.getGenerateName().equals(required)) {
            errs.add(FieldError.invalid(FieldPath.of("metadata", "generateName"), meta.getGenerateName(), mismatch));
        }
        if (!Checks.isEmpty(meta.getName()) && !meta.getName().equals(required)) {
            errs.add(FieldError.invalid(FieldPath.of("metadata", "name"), meta.getName(), mismatch));
        }
        return errs;
    }

    private static List<FieldError> spec(CustomResourceDefinitionSpec spec) {
        List<FieldError> errs = new ArrayList<>();
        group(spec.getGroup(), errs);
        enumString(SPEC.child("scope"), spec.getScope(), List.of("Cluster", "Namespaced"), errs);
        List<CustomResourceDefinitionVersion> versions = Checks.orEmpty(spec.getVersions());
        Layout layout = new Layout(
                shared(versions, v -> tree(v.getSchema())),
                shared(versions, v -> tree(v.getSubresources())),
                shared(versions, v -> Checks.isEmpty(v.getAdditionalPrinterColumns()) ? null : tree(v.getAdditionalPrinterColumns())));
        boolean preserveUnknown = Boolean.TRUE.equals(spec.getPreserveUnknownFields());

        if (layout.schema() == null || layout.schema().get("openAPIV3Schema") == null) {
            for (int i = 0; i < versions.size(); i++) {
                CustomResourceValidation schema = layout.schema() == null ? versions.get(i).getSchema() : null;
                if (schema == null || schema.getOpenAPIV3Schema() == null) {
                    errs.add(FieldError.required(versionPath(i).child("schema", "openAPIV3Schema"), "schemas are required"));
                }
            }
        }
        if (preserveUnknown && versions.stream().anyMatch(v -> hasDefaults(tree(v.getSchema())))) {
            errs.add(FieldError.invalid(SPEC.child("preserveUnknownFields"), true, "must be false in order to use defaults in the schema"));
        }
        boolean anyStatus = hasStatus(layout.subresources()) || versions.stream().anyMatch(v -> hasStatus(tree(v.getSubresources())));
        int storage = 0;
        Set<String> seen = new HashSet<>();
        boolean unique = true;
        for (int i = 0; i < versions.size(); i++) {
            CustomResourceDefinitionVersion v = versions.get(i);
            storage += Boolean.TRUE.equals(v.getStorage()) ? 1 : 0;
            unique &= seen.add(Checks.or(v.getName(), ""));
            dns1035(versionPath(i).child("name"), Checks.or(v.getName(), ""), errs);
            version(v, versionPath(i), layout, errs);
        }
        if (!unique) {
            errs.add(FieldError.invalid(SPEC.child("versions"), versionsValue(versions), "must contain unique version names"));
        }
        if (storage != 1) {
            errs.add(FieldError.invalid(SPEC.child("versions"), versionsValue(versions), "must have exactly one version marked as storage version"));
        }
        if (!versions.isEmpty() && !Checks.isEmpty(versions.get(0).getName())) {
            // kube's internal CRD repeats the first version's name as spec.version
            dns1035(SPEC.child("version"), versions.get(0).getName(), errs);
        }
        CustomResourceDefinitionNames names = names(spec);
        for (String field : List.of("plural", "singular", "kind", "listKind")) {
            if (Checks.isEmpty(nameField(names, field))) {
                errs.add(FieldError.required(SPEC.child("names", field), ""));
            }
        }
        errs.addAll(names(names, SPEC.child("names")));
        if (layout.schema() != null && layout.schema().get("openAPIV3Schema") != null) {
            errs.addAll(StructuralSchema.structuralErrors(layout.schema().get("openAPIV3Schema"),
                    SPEC.child("validation", "openAPIV3Schema"), anyStatus));
        }
        if (layout.subresources() != null) {
            scale(versions.get(0).getSubresources(), SPEC.child("subresources"), errs);
        }
        if (layout.columns() != null) {
            columns(versions.get(0).getAdditionalPrinterColumns(), SPEC.child("additionalPrinterColumns"), errs);
        }
        conversion(spec.getConversion(), preserveUnknown, errs);
        return errs;
    }

    /** The per-version rules for what was not hoisted: deprecation warning, schema, subresources, columns. */
    private static void version(CustomResourceDefinitionVersion v, FieldPath path, Layout layout, List<FieldError> errs) {
        for (String msg : deprecationWarning(Boolean.TRUE.equals(v.getDeprecated()), v.getDeprecationWarning())) {
            errs.add(FieldError.invalid(path.child("deprecationWarning"), v.getDeprecationWarning(), msg));
        }
        JsonNode subresources = layout.subresources() != null ? layout.subresources() : tree(v.getSubresources());
        if (layout.schema() == null && v.getSchema() != null && v.getSchema().getOpenAPIV3Schema() != null) {
            errs.addAll(StructuralSchema.structuralErrors(tree(v.getSchema().getOpenAPIV3Schema()),
                    path.child("schema", "openAPIV3Schema"), hasStatus(subresources)));
        }
        if (layout.subresources() == null) {
            scale(v.getSubresources(), path.child("subresources"), errs);
        }
        if (layout.columns() == null) {
            columns(v.getAdditionalPrinterColumns(), path.child("additionalPrinterColumns"), errs);
        }
    }

    private static void group(String group, List<FieldError> errs) {
        FieldPath path = SPEC.child("group");
        if (Checks.isEmpty(group)) {
            errs.add(FieldError.required(path, ""));
        } else if (!NameRules.isDns1123Subdomain(group).isEmpty()) {
            errs.add(FieldError.invalid(path, group, String.join(",", NameRules.isDns1123Subdomain(group))));
        } else if (!group.contains(".")) {
            errs.add(FieldError.invalid(path, group, "should be a domain with at least one dot"));
        }
    }

    /** Names in spec.names and status.acceptedNames: lowercase DNS-1035 labels; kinds may add upper case. */
    static List<FieldError> names(CustomResourceDefinitionNames names, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        for (String field : List.of("plural", "singular")) {
            String value = nameField(names, field);
            if (!Checks.isEmpty(value)) {
                dns1035(path.child(field), value, errs);
            }
        }
        for (String field : List.of("kind", "listKind")) {
            String value = nameField(names, field);
            List<String> problems = Checks.isEmpty(value) ? List.of() : NameRules.isDns1035Label(value.toLowerCase(Locale.ROOT));
            if (!problems.isEmpty()) {
                errs.add(FieldError.invalid(path.child(field), value, "may have mixed case, but should otherwise match: " + String.join(",", problems)));
            }
        }
        List<String> shortNames = Checks.orEmpty(names.getShortNames());
        for (int i = 0; i < shortNames.size(); i++) {
            dns1035(path.child("shortNames").index(i), shortNames.get(i), errs);
        }
        if (!Checks.isEmpty(names.getKind()) && names.getKind().equals(names.getListKind())) {
            errs.add(FieldError.invalid(path.child("listKind"), names.getListKind(), "kind and listKind may not be the same"));
        }
        List<String> categories = Checks.orEmpty(names.getCategories());
        for (int i = 0; i < categories.size(); i++) {
            dns1035(path.child("categories").index(i), categories.get(i), errs);
        }
        return errs;
    }

    private static List<String> deprecationWarning(boolean deprecated, String warning) {
        if (!deprecated && warning != null) {
            return List.of("can only be set for deprecated versions");
        }
        if (warning == null) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        byte[] bytes = warning.getBytes(StandardCharsets.UTF_8);
        if (bytes.length > 256) {
            problems.add("must be <= 256 characters long");
        }
        if (warning.isEmpty()) {
            problems.add("must not be an empty string");
        }
        int index = 0;
        for (int cp : warning.codePoints().toArray()) {
            if (!isPrint(cp)) {
                // Go ranges over bytes offsets, so the index counts UTF-8 bytes
                problems.add("must only contain printable UTF-8 characters; non-printable character found at index " + index);
                break;
            }
            index += new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
        }
        return problems;
    }

    /** Go's {@code unicode.IsPrint}: letters, marks, numbers, punctuation, symbols and the ASCII space. */
    private static boolean isPrint(int cp) {
        if (cp == ' ') {
            return true;
        }
        return switch (Character.getType(cp)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE, Character.UNASSIGNED,
                    Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR, Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }

    /** The scale subresource's replica paths: simple JSON paths below .spec and .status. */
    private static void scale(CustomResourceSubresources subresources, FieldPath path, List<FieldError> errs) {
        if (subresources == null || subresources.getScale() == null) {
            return;
        }
        CustomResourceSubresourceScale scale = subresources.getScale();
        replicasPath(path.child("scale", "specReplicasPath"), scale.getSpecReplicasPath(), ".spec.", "should be a json path under .spec", errs);
        replicasPath(path.child("scale", "statusReplicasPath"), scale.getStatusReplicasPath(), ".status.", "should be a json path under .status", errs);
        String selector = scale.getLabelSelectorPath();
        if (!Checks.isEmpty(selector)) {
            FieldPath at = path.child("scale", "labelSelectorPath");
            if (!selector.startsWith(".")) {
                errs.add(FieldError.invalid(at, selector, "must be a simple json path starting with ."));
            } else if (!selector.startsWith(".spec.") && !selector.startsWith(".status.")) {
                errs.add(FieldError.invalid(at, selector, "should be a json path under either .spec or .status"));
            }
        }
    }

    private static void replicasPath(FieldPath at, String value, String prefix, String detail, List<FieldError> errs) {
        if (Checks.isEmpty(value)) {
            errs.add(FieldError.required(at, ""));
        } else if (!value.startsWith(".")) {
            errs.add(FieldError.invalid(at, value, "must be a simple json path starting with ."));
        } else if (!value.startsWith(prefix)) {
            errs.add(FieldError.invalid(at, value, detail));
        }
    }

    private static void columns(List<CustomResourceColumnDefinition> columns, FieldPath path, List<FieldError> errs) {
        List<CustomResourceColumnDefinition> list = Checks.orEmpty(columns);
        for (int i = 0; i < list.size(); i++) {
            CustomResourceColumnDefinition c = list.get(i);
            FieldPath at = path.index(i);
            if (Checks.isEmpty(c.getName())) {
                errs.add(FieldError.required(at.child("name"), ""));
            }
            String types = "must be one of " + String.join(",", COLUMN_TYPES);
            if (Checks.isEmpty(c.getType())) {
                errs.add(FieldError.required(at.child("type"), types));
            } else if (!COLUMN_TYPES.contains(c.getType())) {
                errs.add(FieldError.invalid(at.child("type"), c.getType(), types));
            }
            if (!Checks.isEmpty(c.getFormat()) && !COLUMN_FORMATS.contains(c.getFormat())) {
                errs.add(FieldError.invalid(at.child("format"), c.getFormat(), "must be one of " + String.join(",", COLUMN_FORMATS)));
            }
            if (Checks.isEmpty(c.getJsonPath())) {
                errs.add(FieldError.required(at.child("JSONPath"), ""));
            } else if (!c.getJsonPath().startsWith(".")) {
                errs.add(FieldError.invalid(at.child("JSONPath"), c.getJsonPath(), "must be a simple json path starting with ."));
            }
        }
    }

    private static void conversion(CustomResourceConversion conversion, boolean preserveUnknown, List<FieldError> errs) {
        if (conversion == null) {
            return;
        }
        FieldPath path = SPEC.child("conversion");
        String strategy = Checks.or(conversion.getStrategy(), "");
        if (!strategy.equals("None") && preserveUnknown) {
            errs.add(FieldError.invalid(path.child("strategy"), strategy, "must be None if spec.preserveUnknownFields is true"));
        }
        enumString(path.child("strategy"), strategy, List.of("None", "Webhook"), errs);
        WebhookClientConfig client = conversion.getWebhook() == null ? null : conversion.getWebhook().getClientConfig();
        List<String> reviewVersions = conversion.getWebhook() == null ? List.of() : Checks.orEmpty(conversion.getWebhook().getConversionReviewVersions());
        if (!strategy.equals("Webhook")) {
            if (client != null) {
                errs.add(FieldError.forbidden(path.child("webhookClientConfig"), "should not be set when strategy is not set to Webhook"));
            }
            if (!reviewVersions.isEmpty()) {
                errs.add(FieldError.forbidden(path.child("conversionReviewVersions"), "should not be set when strategy is not set to Webhook"));
            }
            return;
        }
        if (client == null) {
            errs.add(FieldError.required(path.child("webhookClientConfig"), "required when strategy is set to Webhook"));
        } else if ((client.getUrl() == null) == (client.getService() == null)) {
            errs.add(FieldError.required(path.child("webhookClientConfig"), "exactly one of url or service is required"));
        }
        errs.addAll(ReviewVersions.validate(reviewVersions, path.child("conversionReviewVersions"), ""));
    }

    /** CRDs in k8s.io and kubernetes.io groups need the approval annotation: a URL, or a reason starting with "unapproved". */
    private static List<FieldError> approval(ObjectMeta meta, String group) {
        String g = Checks.or(group, "");
        boolean protectedGroup = g.equals("k8s.io") || g.endsWith(".k8s.io") || g.equals("kubernetes.io") || g.endsWith(".kubernetes.io");
        if (!protectedGroup) {
            return List.of();
        }
        String value = meta == null || meta.getAnnotations() == null ? "" : Checks.or(meta.getAnnotations().get(APPROVAL_ANNOTATION), "");
        FieldPath path = FieldPath.of("metadata", "annotations").key(APPROVAL_ANNOTATION);
        if (value.isEmpty()) {
            return List.of(FieldError.required(path, "protected groups must have approval annotation "
                    + GoValues.quote(APPROVAL_ANNOTATION) + ", see " + APPROVAL_PR));
        }
        if (value.startsWith("unapproved") || isUrl(value)) {
            return List.of();
        }
        return List.of(FieldError.invalid(path, value, "protected groups must have approval annotation " + GoValues.quote(APPROVAL_ANNOTATION)
                + " with either a URL or a reason starting with \"unapproved\", see " + APPROVAL_PR));
    }

    private static boolean isUrl(String value) {
        try {
            URI uri = new URI(value);
            return !Checks.isEmpty(uri.getScheme()) && !Checks.isEmpty(uri.getHost());
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static void enumString(FieldPath path, String value, List<String> accepted, List<FieldError> errs) {
        if (Checks.isEmpty(value)) {
            errs.add(FieldError.required(path, ""));
        } else if (!accepted.contains(value)) {
            errs.add(FieldError.notSupported(path, value, accepted));
        }
    }

    private static void dns1035(FieldPath path, String value, List<FieldError> errs) {
        List<String> problems = NameRules.isDns1035Label(value);
        if (!problems.isEmpty()) {
            errs.add(FieldError.invalid(path, value, String.join(",", problems)));
        }
    }

    /** The value shared by every version (compared as JSON), or null when they differ or none sets it. */
    private static JsonNode shared(List<CustomResourceDefinitionVersion> versions, Function<CustomResourceDefinitionVersion, JsonNode> field) {
        if (versions.isEmpty()) {
            return null;
        }
        JsonNode first = field.apply(versions.get(0));
        for (CustomResourceDefinitionVersion v : versions) {
            if (!JsonValues.equal(first, field.apply(v))) {
                return null;
            }
        }
        return first;
    }

    private static boolean hasStatus(JsonNode subresources) {
        return subresources != null && subresources.get("status") != null && !subresources.get("status").isNull();
    }

    private static boolean hasDefaults(JsonNode node) {
        return node != null && (node.has("default") || node.valueStream().anyMatch(CustomResourceDefinitionValidator::hasDefaults));
    }

    /**
     * spec.versions as kube prints it in these errors, Go's {@code %#v} of its internal version list,
     * abbreviated after each version's name and flags.
     */
    private static GoValues.Literal versionsValue(List<CustomResourceDefinitionVersion> versions) {
        if (versions.isEmpty()) {
            return new GoValues.Literal("[]apiextensions.CustomResourceDefinitionVersion(nil)");
        }
        StringBuilder sb = new StringBuilder("[]apiextensions.CustomResourceDefinitionVersion{");
        for (int i = 0; i < versions.size(); i++) {
            CustomResourceDefinitionVersion v = versions.get(i);
            sb.append(i > 0 ? ", " : "").append("apiextensions.CustomResourceDefinitionVersion{Name:")
                    .append(GoValues.quote(Checks.or(v.getName(), ""))).append(", Served:").append(Boolean.TRUE.equals(v.getServed()))
                    .append(", Storage:").append(Boolean.TRUE.equals(v.getStorage())).append(", ...}");
        }
        return new GoValues.Literal(sb.append('}').toString());
    }

    private static CustomResourceDefinitionNames names(CustomResourceDefinitionSpec spec) {
        return spec.getNames() == null ? new CustomResourceDefinitionNames() : spec.getNames();
    }

    private static String nameField(CustomResourceDefinitionNames names, String field) {
        return switch (field) {
            case "plural" -> names.getPlural();
            case "singular" -> names.getSingular();
            case "kind" -> names.getKind();
            default -> names.getListKind();
        };
    }

    private static FieldPath versionPath(int i) {
        return SPEC.child("versions").index(i);
    }

    private static JsonNode tree(Object value) {
        return value == null ? null : JSON.valueToTree(value);
    }
}
