package io.kubelite.machinery.podsecurity;

import io.kubelite.machinery.validation.FieldError;
import io.kubelite.machinery.validation.FieldPath;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The three Pod Security modes a namespace's labels select, resolved the way kube-apiserver
 * resolves them (with its built-in defaults of {@code privileged:latest} for every mode).
 *
 * <ul>
 *   <li>{@code enforce}: a pod that violates it is rejected with 403;</li>
 *   <li>{@code audit}: a violation is recorded in the audit event;</li>
 *   <li>{@code warn}: a violation is returned to the client as a warning.</li>
 * </ul>
 *
 * <p>An invalid label value never leaves a mode unset; it falls back so that enforcement fails
 * closed and the other modes fail open. Example: {@code enforce=strict}, {@code audit=loud},
 * {@code warn-version=1.25} resolve to enforce {@code restricted:latest}, audit
 * {@code privileged:latest}, warn {@code privileged:latest}, with three {@link #errors()}.
 *
 * @param errors one {@code FieldValueInvalid} error per invalid label, in the order enforce,
 *               enforce-version, audit, audit-version, warn, warn-version; kube-apiserver rejects a
 *               Namespace create carrying any of them with 422 (see {@link #invalidMessage(String)})
 */
public record NamespacePolicy(LevelVersion enforce, LevelVersion audit, LevelVersion warn, List<FieldError> errors) {

    public static final String ENFORCE_LABEL = "pod-security.kubernetes.io/enforce";
    public static final String ENFORCE_VERSION_LABEL = "pod-security.kubernetes.io/enforce-version";
    public static final String AUDIT_LABEL = "pod-security.kubernetes.io/audit";
    public static final String AUDIT_VERSION_LABEL = "pod-security.kubernetes.io/audit-version";
    public static final String WARN_LABEL = "pod-security.kubernetes.io/warn";
    public static final String WARN_VERSION_LABEL = "pod-security.kubernetes.io/warn-version";

    static final String LEVEL_DETAIL = "must be one of privileged, baseline, restricted";
    static final String VERSION_DETAIL = "must be \"latest\" or \"v1.x\"";

    private static final FieldPath LABELS = FieldPath.of("metadata", "labels");

    public NamespacePolicy {
        errors = List.copyOf(errors);
    }

    public static NamespacePolicy fromLabels(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        List<FieldError> errors = new ArrayList<>();
        LevelVersion enforce = mode(l, ENFORCE_LABEL, ENFORCE_VERSION_LABEL, Level.RESTRICTED, errors);
        LevelVersion audit = mode(l, AUDIT_LABEL, AUDIT_VERSION_LABEL, Level.PRIVILEGED, errors);
        LevelVersion warn = mode(l, WARN_LABEL, WARN_VERSION_LABEL, Level.PRIVILEGED, errors);
        return new NamespacePolicy(enforce, audit, warn, errors);
    }

    /**
     * A missing label keeps the default ({@code privileged}, {@code latest}); a present but invalid
     * one records an error and resolves to {@code invalidLevel} or {@code latest}.
     */
    private static LevelVersion mode(Map<String, String> labels, String levelLabel, String versionLabel,
                                     Level invalidLevel, List<FieldError> errors) {
        Level level = Level.PRIVILEGED;
        if (labels.containsKey(levelLabel)) {
            String value = labels.get(levelLabel);
            Optional<Level> parsed = Level.fromLabel(value);
            if (parsed.isEmpty()) {
                errors.add(FieldError.invalid(LABELS.key(levelLabel), nullToEmpty(value), LEVEL_DETAIL));
            }
            level = parsed.orElse(invalidLevel);
        }
        String version = LevelVersion.LATEST;
        if (labels.containsKey(versionLabel)) {
            String value = labels.get(versionLabel);
            if (LevelVersion.validVersion(value)) {
                version = value;
            } else {
                errors.add(FieldError.invalid(LABELS.key(versionLabel), nullToEmpty(value), VERSION_DETAIL));
            }
        }
        return new LevelVersion(level, version);
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }

    public boolean valid() {
        return errors.isEmpty();
    }

    /**
     * Whether kube-apiserver rejects a Namespace update moving from {@code old} to this policy: only
     * when this one has errors that the old labels did not already have, so that a namespace with
     * a bad label stays editable. Example: old {@code enforce=strict}, new {@code enforce=strict}
     * plus an unrelated label is accepted; new {@code enforce=stricter} is rejected.
     */
    public boolean rejectsUpdateFrom(NamespacePolicy old) {
        return !errors.isEmpty() && (old.errors.isEmpty() || !errors.equals(old.errors));
    }

    /**
     * The 422 message kube-apiserver answers an invalid write with, e.g.
     * {@code Namespace "dev" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value:
     * "strict": must be one of privileged, baseline, restricted}; several errors are bracketed and
     * joined with {@code ", "}. The causes of the Status are {@link #errors()}.
     */
    public String invalidMessage(String namespaceName) {
        String prefix = "Namespace \"" + namespaceName + "\" is invalid";
        if (errors.isEmpty()) {
            return prefix;
        }
        Set<String> distinct = new LinkedHashSet<>();
        for (FieldError e : errors) {
            distinct.add(e.toString());
        }
        String joined = String.join(", ", distinct);
        return prefix + ": " + (distinct.size() == 1 ? joined : "[" + joined + "]");
    }
}
