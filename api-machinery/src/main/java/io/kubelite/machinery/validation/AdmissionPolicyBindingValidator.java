package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBindings as kube-apiserver 1.32
 * validates them, in its order: the policy name, the param reference, the match resources, then
 * the validation actions. An update is held to the same rules.
 *
 * <p>Kube reports the match resources under {@code spec.matchResouces} (sic); the path is kept so
 * that clients matching on it see what they would see from Kubernetes.
 */
final class AdmissionPolicyBindingValidator {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> VALIDATION_ACTIONS = List.of("Audit", "Deny", "Warn");
    /** In kube's order, which its "supported values" message keeps. */
    private static final List<String> PARAMETER_NOT_FOUND_ACTIONS = List.of("Deny", "Allow");
    private static final String EXCLUSIVE = "name and selector are mutually exclusive";

    private AdmissionPolicyBindingValidator() {
    }

    static List<FieldError> validate(ValidatingAdmissionPolicyBinding binding) {
        ValidatingAdmissionPolicyBindingSpec spec = binding.getSpec() == null
                ? new ValidatingAdmissionPolicyBindingSpec() : binding.getSpec();
        List<FieldError> errs = new ArrayList<>();
        String policyName = MetaValidator.nullToEmpty(spec.getPolicyName());
        if (policyName.isEmpty()) {
            errs.add(FieldError.required(SPEC.child("policyName"), ""));
        } else {
            NameRules.isDns1123Subdomain(policyName)
                    .forEach(msg -> errs.add(FieldError.invalid(SPEC.child("policyName"), policyName, msg)));
        }
        if (spec.getParamRef() != null) {
            errs.addAll(paramRef(spec.getParamRef(), SPEC.child("paramRef")));
        }
        errs.addAll(MatchResourcesValidator.validate(spec.getMatchResources(), SPEC.child("matchResouces")));
        errs.addAll(validationActions(Checks.orEmpty(spec.getValidationActions()), SPEC.child("validationActions")));
        return errs;
    }

    /**
     * One param object by name, or every object a selector picks; {@code parameterNotFoundAction}
     * says whether finding none allows ({@code Allow}) or denies ({@code Deny}) the request and has
     * no default. Setting both name and selector is reported on each of the two fields.
     */
    private static List<FieldError> paramRef(ParamRef ref, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        String name = MetaValidator.nullToEmpty(ref.getName());
        if (!name.isEmpty()) {
            NameRules.isValidPathSegmentName(name).forEach(msg -> errs.add(FieldError.invalid(path.child("name"), name, msg)));
            if (ref.getSelector() != null) {
                errs.add(FieldError.forbidden(path.child("name"), EXCLUSIVE));
            }
        }
        if (ref.getSelector() != null) {
            errs.addAll(SelectorRules.validate(ref.getSelector(), path.child("selector")));
            if (!name.isEmpty()) {
                errs.add(FieldError.forbidden(path.child("selector"), EXCLUSIVE));
            }
        }
        if (name.isEmpty() && ref.getSelector() == null) {
            errs.add(FieldError.required(path, "one of name or selector must be specified"));
        }
        String action = MetaValidator.nullToEmpty(ref.getParameterNotFoundAction());
        if (action.isEmpty()) {
            errs.add(FieldError.required(path.child("parameterNotFoundAction"), ""));
        } else if (!PARAMETER_NOT_FOUND_ACTIONS.contains(action)) {
            errs.add(FieldError.notSupported(path.child("parameterNotFoundAction"), action, PARAMETER_NOT_FOUND_ACTIONS));
        }
        return errs;
    }

    /**
     * At least one of Deny, Warn and Audit, each once. Deny and Warn together would report the same
     * failure twice, in the response and in its warning headers, so {@code [Deny, Warn]} is refused
     * while {@code [Deny, Audit]} and {@code [Warn, Audit]} are accepted.
     */
    private static List<FieldError> validationActions(List<String> actions, FieldPath path) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < actions.size(); i++) {
            String action = MetaValidator.nullToEmpty(actions.get(i));
            if (!VALIDATION_ACTIONS.contains(action)) {
                errs.add(FieldError.notSupported(path.index(i), action, VALIDATION_ACTIONS));
            }
            if (!seen.add(action)) {
                errs.add(FieldError.duplicate(path.index(i), action));
            }
        }
        if (seen.contains("Deny") && seen.contains("Warn")) {
            errs.add(FieldError.invalid(path, GoValues.slice("admissionregistration.ValidationAction", actions),
                    "must not contain both Deny and Warn (repeating the same validation failure information in the API "
                            + "response and headers serves no purpose)"));
        }
        if (seen.isEmpty()) {
            errs.add(FieldError.required(path, "at least one validation action is required"));
        }
        return errs;
    }
}
