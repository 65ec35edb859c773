package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.AuditAnnotation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchResources;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicySpec;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicies as kube-apiserver 1.32 validates
 * them, in its order: the failure policy, the param kind, the match constraints, the match
 * conditions, the variables, then the validations and audit annotations. CEL expressions are
 * required where kube requires them but not compiled here. An update is held to the same rules.
 *
 * <p>An unset {@code failurePolicy} is judged as {@code Fail}, the value defaulting gives it.
 */
final class AdmissionPolicyValidator {

    static final int MAX_AUDIT_ANNOTATIONS = 20;
    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");
    private static final String EMPTY_RULES = "validations or auditAnnotations must contain at least one item";

    private AdmissionPolicyValidator() {
    }

    static List<FieldError> validate(ValidatingAdmissionPolicy policy) {
        ValidatingAdmissionPolicySpec spec = policy.getSpec() == null ? new ValidatingAdmissionPolicySpec() : policy.getSpec();
        List<FieldError> errs = new ArrayList<>();
        String failurePolicy = spec.getFailurePolicy();
        if (failurePolicy != null && !FAILURE_POLICIES.contains(failurePolicy)) {
            errs.add(FieldError.notSupported(SPEC.child("failurePolicy"), failurePolicy, FAILURE_POLICIES));
        }
        if (spec.getParamKind() != null) {
            errs.addAll(paramKind(spec.getParamKind(), SPEC.child("paramKind")));
        }
        errs.addAll(matchConstraints(spec.getMatchConstraints(), SPEC.child("matchConstraints")));
        errs.addAll(PolicyExpressionRules.matchConditions(Checks.orEmpty(spec.getMatchConditions()), SPEC.child("matchConditions")));
        List<Variable> variables = Checks.orEmpty(spec.getVariables());
        for (int i = 0; i < variables.size(); i++) {
            errs.addAll(PolicyExpressionRules.variable(variables.get(i), SPEC.child("variables").index(i)));
        }
        errs.addAll(validationsAndAuditAnnotations(spec, policyName(policy)));
        return errs;
    }

    /**
     * Match constraints are required and need at least one resource rule: the rules tell CEL the
     * types of the objects it will see.
     */
    private static List<FieldError> matchConstraints(MatchResources constraints, FieldPath path) {
        if (constraints == null) {
            return List.of(FieldError.required(path, ""));
        }
        List<FieldError> errs = new ArrayList<>(MatchResourcesValidator.validate(constraints, path));
        if (Checks.isEmpty(constraints.getResourceRules())) {
            errs.add(FieldError.required(path.child("resourceRules"), ""));
        }
        return errs;
    }

    /**
     * The kind of the objects bound as {@code params}: {@code apiVersion} is {@code group/version}
     * or a bare version ({@code v1}), the group a DNS subdomain and the version a DNS-1035 label;
     * the kind may have mixed case but must otherwise be a DNS-1035 label, so {@code ConfigMap} is
     * valid and {@code Config_Map} is not.
     */
    private static List<FieldError> paramKind(ParamKind kind, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        FieldPath apiVersionPath = path.child("apiVersion");
        String apiVersion = MetaValidator.nullToEmpty(kind.getApiVersion());
        if (apiVersion.isEmpty()) {
            errs.add(FieldError.required(apiVersionPath, ""));
        } else if (apiVersion.chars().filter(c -> c == '/').count() > 1) {
            errs.add(FieldError.invalid(apiVersionPath, apiVersion, "unexpected GroupVersion string: " + apiVersion));
        } else {
            int slash = apiVersion.indexOf('/');
            String group = slash < 0 ? "" : apiVersion.substring(0, slash);
            String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
            if (!group.isEmpty()) {
                List<String> groupErrors = NameRules.isDns1123Subdomain(group);
                if (!groupErrors.isEmpty()) {
                    errs.add(FieldError.invalid(apiVersionPath, group, String.join(",", groupErrors)));
                }
            }
            if (version.isEmpty()) {
                errs.add(FieldError.invalid(apiVersionPath, apiVersion, "version must be specified"));
            } else {
                List<String> versionErrors = NameRules.isDns1035Label(version);
                if (!versionErrors.isEmpty()) {
                    errs.add(FieldError.invalid(apiVersionPath, version, String.join(",", versionErrors)));
                }
            }
        }
        String kindName = MetaValidator.nullToEmpty(kind.getKind());
        if (kindName.isEmpty()) {
            errs.add(FieldError.required(path.child("kind"), ""));
        } else {
            List<String> kindErrors = NameRules.isDns1035Label(kindName.toLowerCase(Locale.ROOT));
            if (!kindErrors.isEmpty()) {
                errs.add(FieldError.invalid(path.child("kind"), kindName,
                        "may have mixed case, but should otherwise match: " + String.join(",", kindErrors)));
            }
        }
        return errs;
    }

    /**
     * A policy must check or record something: with neither validations nor audit annotations both
     * fields are reported. Otherwise each is judged, at most 20 audit annotations with distinct keys.
     */
    private static List<FieldError> validationsAndAuditAnnotations(ValidatingAdmissionPolicySpec spec, String policyName) {
        List<Validation> validations = Checks.orEmpty(spec.getValidations());
        List<AuditAnnotation> annotations = Checks.orEmpty(spec.getAuditAnnotations());
        if (validations.isEmpty() && annotations.isEmpty()) {
            return List.of(FieldError.required(SPEC.child("validations"), EMPTY_RULES),
                    FieldError.required(SPEC.child("auditAnnotations"), EMPTY_RULES));
        }
        List<FieldError> errs = new ArrayList<>();
        for (int i = 0; i < validations.size(); i++) {
            errs.addAll(PolicyExpressionRules.validation(validations.get(i), SPEC.child("validations").index(i)));
        }
        FieldPath annotationsPath = SPEC.child("auditAnnotations");
        if (annotations.size() > MAX_AUDIT_ANNOTATIONS) {
            errs.add(FieldError.invalid(annotationsPath, auditAnnotationsValue(annotations),
                    "must not have more than " + MAX_AUDIT_ANNOTATIONS + " auditAnnotations"));
        }
        Set<String> keys = new HashSet<>();
        for (int i = 0; i < annotations.size(); i++) {
            AuditAnnotation annotation = annotations.get(i);
            errs.addAll(PolicyExpressionRules.auditAnnotation(policyName, annotation, annotationsPath.index(i)));
            String key = annotation == null ? "" : MetaValidator.nullToEmpty(annotation.getKey());
            if (!keys.add(key)) {
                errs.add(FieldError.duplicate(annotationsPath.index(i).child("key"), key));
            }
        }
        return errs;
    }

    /** The list as Go's {@code %#v} prints it when there are too many. */
    private static GoValues.Literal auditAnnotationsValue(List<AuditAnnotation> annotations) {
        StringBuilder sb = new StringBuilder("[]admissionregistration.AuditAnnotation{");
        for (int i = 0; i < annotations.size(); i++) {
            AuditAnnotation a = annotations.get(i) == null ? new AuditAnnotation() : annotations.get(i);
            sb.append(i == 0 ? "" : ", ").append("admissionregistration.AuditAnnotation{Key:")
                    .append(GoValues.quote(MetaValidator.nullToEmpty(a.getKey()))).append(", ValueExpression:")
                    .append(GoValues.quote(MetaValidator.nullToEmpty(a.getValueExpression()))).append('}');
        }
        return new GoValues.Literal(sb.append('}').toString());
    }

    private static String policyName(ValidatingAdmissionPolicy policy) {
        return policy.getMetadata() == null ? "" : MetaValidator.nullToEmpty(policy.getMetadata().getName());
    }
}
