package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The ObjectMeta rules every kind shares (apimachinery {@code ValidateObjectMeta}). */
public final class MetaValidator {

    /** Annotations may hold at most 256 KiB, counting the bytes of keys and values. */
    public static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;

    private static final FieldPath METADATA = FieldPath.of("metadata");

    private MetaValidator() {
    }

    public static List<FieldError> validate(ObjectMeta meta, boolean namespaced, NameRule nameRule) {
        List<FieldError> errs = new ArrayList<>();
        if (meta == null) {
            errs.add(FieldError.required(METADATA.child("name"), "name or generateName is required"));
            if (namespaced) {
                errs.add(FieldError.required(METADATA.child("namespace"), ""));
            }
            return errs;
        }
        String generateName = nullToEmpty(meta.getGenerateName());
        String name = nullToEmpty(meta.getName());
        if (!generateName.isEmpty()) {
            for (String msg : nameRule.check(generateName, true)) {
                errs.add(FieldError.invalid(METADATA.child("generateName"), generateName, msg));
            }
        }
        if (name.isEmpty()) {
            if (generateName.isEmpty()) {
                errs.add(FieldError.required(METADATA.child("name"), "name or generateName is required"));
            }
        } else {
            for (String msg : nameRule.check(name, false)) {
                errs.add(FieldError.invalid(METADATA.child("name"), name, msg));
            }
        }
        String namespace = nullToEmpty(meta.getNamespace());
        if (namespaced) {
            if (namespace.isEmpty()) {
                errs.add(FieldError.required(METADATA.child("namespace"), ""));
            } else {
                for (String msg : NameRules.isDns1123Label(namespace)) {
                    errs.add(FieldError.invalid(METADATA.child("namespace"), namespace, msg));
                }
            }
        } else if (!namespace.isEmpty()) {
            errs.add(FieldError.forbidden(METADATA.child("namespace"), "not allowed on this type"));
        }
        if (meta.getGeneration() != null && meta.getGeneration() < 0) {
            errs.add(Checks.negative(METADATA.child("generation"), meta.getGeneration()));
        }
        errs.addAll(labels(meta.getLabels(), METADATA.child("labels")));
        errs.addAll(annotations(meta.getAnnotations(), METADATA.child("annotations")));
        errs.addAll(ownerReferences(meta.getOwnerReferences(), METADATA.child("ownerReferences")));
        errs.addAll(finalizers(meta.getFinalizers(), METADATA.child("finalizers")));
        return errs;
    }

    /** Label keys must be qualified names and values valid label values; errors name the map, not the key. */
    public static List<FieldError> labels(Map<String, String> labels, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (labels == null) {
            return errs;
        }
        for (Map.Entry<String, String> e : labels.entrySet()) {
            for (String msg : NameRules.isQualifiedName(e.getKey())) {
                errs.add(FieldError.invalid(path, e.getKey(), msg));
            }
            String value = nullToEmpty(e.getValue());
            for (String msg : NameRules.isValidLabelValue(value)) {
                errs.add(FieldError.invalid(path, value, msg));
            }
        }
        return errs;
    }

    /** Annotation keys are qualified names compared case-insensitively; all keys and values together fit in 256 KiB. */
    public static List<FieldError> annotations(Map<String, String> annotations, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (annotations == null) {
            return errs;
        }
        long total = 0;
        for (Map.Entry<String, String> e : annotations.entrySet()) {
            for (String msg : NameRules.isQualifiedName(e.getKey().toLowerCase(Locale.ROOT))) {
                errs.add(FieldError.invalid(path, e.getKey(), msg));
            }
            total += Checks.utf8Length(e.getKey()) + Checks.utf8Length(nullToEmpty(e.getValue()));
        }
        if (total > TOTAL_ANNOTATION_SIZE_LIMIT) {
            errs.add(FieldError.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT));
        }
        return errs;
    }

    private static List<FieldError> ownerReferences(List<OwnerReference> refs, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (refs == null) {
            return errs;
        }
        String controller = null;
        for (OwnerReference ref : refs) {
            String apiVersion = nullToEmpty(ref.getApiVersion());
            String version = apiVersion.contains("/") ? apiVersion.substring(apiVersion.indexOf('/') + 1) : apiVersion;
            if (version.isEmpty()) {
                errs.add(FieldError.invalid(path.child("apiVersion"), apiVersion, "version must not be empty"));
            }
            if (nullToEmpty(ref.getKind()).isEmpty()) {
                errs.add(FieldError.invalid(path.child("kind"), "", "must not be empty"));
            }
            if (nullToEmpty(ref.getName()).isEmpty()) {
                errs.add(FieldError.invalid(path.child("name"), "", "must not be empty"));
            }
            if (nullToEmpty(ref.getUid()).isEmpty()) {
                errs.add(FieldError.invalid(path.child("uid"), "", "must not be empty"));
            }
            if (Boolean.TRUE.equals(ref.getController())) {
                String current = ref.getKind() + "/" + ref.getName();
                if (controller != null) {
                    errs.add(FieldError.invalid(path, new GoValues.Literal("[" + controller + " " + current + "]"),
                            "Only one reference can have Controller set to true. Found \"true\" in references for "
                                    + controller + " and " + current));
                } else {
                    controller = current;
                }
            }
        }
        return errs;
    }

    private static List<FieldError> finalizers(List<String> finalizers, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        if (finalizers == null) {
            return errs;
        }
        for (String finalizer : finalizers) {
            for (String msg : NameRules.isQualifiedName(nullToEmpty(finalizer))) {
                errs.add(FieldError.invalid(path, finalizer, msg));
            }
        }
        return errs;
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
