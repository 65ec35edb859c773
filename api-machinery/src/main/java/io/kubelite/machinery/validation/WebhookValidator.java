package io.kubelite.machinery.validation;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * admissionregistration.k8s.io/v1 ValidatingWebhookConfigurations and
 * MutatingWebhookConfigurations as kube-apiserver 1.32 validates them on create. Each webhook in
 * turn is judged field by field in kube's order (name, rules, failure policy, match policy, side
 * effects, timeout, selectors, the reinvocation policy of a mutating one, client config, match
 * conditions), then its admission review versions, then whether an earlier webhook had its name.
 *
 * <p>{@code failurePolicy}, {@code matchPolicy}, the selectors, {@code timeoutSeconds} and
 * {@code reinvocationPolicy} are filled by defaulting ({@code Fail}, {@code Equivalent},
 * {@code {}}, 10, {@code Never}), so an unset one is judged by that value and is never missing.
 * {@code sideEffects} and {@code admissionReviewVersions} have no default in v1 and are required.
 * Match condition expressions are required but not compiled here.
 *
 * <p>An update is held to the same rules. Kube lets an update keep what the stored configuration
 * already got away with (side effects other than None or NoneOnDryRun, no review version it can
 * send, repeated webhook names, selector values that are no label values) and skips the match
 * conditions when they are unchanged; judging that needs the stored object, which is not seen here.
 */
final class WebhookValidator {

    /** Every "supported values" list below is sorted, as Go's {@code sets.String.List()} returns it. */
    private static final List<String> FAILURE_POLICIES = List.of("Fail", "Ignore");
    private static final List<String> MATCH_POLICIES = List.of("Equivalent", "Exact");
    /** {@code Unknown} and {@code Some} are v1beta1's: a new v1 webhook must be safe to call on a dry run. */
    private static final List<String> SIDE_EFFECTS = List.of("None", "NoneOnDryRun");
    private static final List<String> REINVOCATION_POLICIES = List.of("IfNeeded", "Never");
    private static final int MIN_TIMEOUT_SECONDS = 1;
    private static final int MAX_TIMEOUT_SECONDS = 30;
    private static final FieldPath WEBHOOKS = FieldPath.of("webhooks");

    /**
     * The fields validating and mutating webhooks share, which kube judges alike;
     * {@code reinvocationPolicy} is judged only when {@code mutating}.
     */
    private record Webhook(String name, List<RuleWithOperations> rules, String failurePolicy, String matchPolicy,
                           String sideEffects, Integer timeoutSeconds, LabelSelector namespaceSelector,
                           LabelSelector objectSelector, boolean mutating, String reinvocationPolicy,
                           WebhookClientConfig clientConfig, List<MatchCondition> matchConditions,
                           List<String> admissionReviewVersions) {

        static Webhook of(ValidatingWebhook w) {
            return new Webhook(w.getName(), Checks.orEmpty(w.getRules()), w.getFailurePolicy(), w.getMatchPolicy(),
                    w.getSideEffects(), w.getTimeoutSeconds(), w.getNamespaceSelector(), w.getObjectSelector(), false, null,
                    w.getClientConfig(), Checks.orEmpty(w.getMatchConditions()), Checks.orEmpty(w.getAdmissionReviewVersions()));
        }

        static Webhook of(MutatingWebhook w) {
            return new Webhook(w.getName(), Checks.orEmpty(w.getRules()), w.getFailurePolicy(), w.getMatchPolicy(),
                    w.getSideEffects(), w.getTimeoutSeconds(), w.getNamespaceSelector(), w.getObjectSelector(), true,
                    w.getReinvocationPolicy(), w.getClientConfig(), Checks.orEmpty(w.getMatchConditions()),
                    Checks.orEmpty(w.getAdmissionReviewVersions()));
        }
    }

    private WebhookValidator() {
    }

    static List<FieldError> validating(ValidatingWebhookConfiguration configuration) {
        List<Webhook> webhooks = new ArrayList<>();
        for (ValidatingWebhook w : Checks.orEmpty(configuration.getWebhooks())) {
            webhooks.add(Webhook.of(w == null ? new ValidatingWebhook() : w));
        }
        return webhooks(webhooks);
    }

    static List<FieldError> mutating(MutatingWebhookConfiguration configuration) {
        List<Webhook> webhooks = new ArrayList<>();
        for (MutatingWebhook w : Checks.orEmpty(configuration.getWebhooks())) {
            webhooks.add(Webhook.of(w == null ? new MutatingWebhook() : w));
        }
        return webhooks(webhooks);
    }

    /** A name is compared only when set: two unnamed webhooks are each "Required", not duplicates. */
    private static List<FieldError> webhooks(List<Webhook> webhooks) {
        List<FieldError> errs = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < webhooks.size(); i++) {
            Webhook webhook = webhooks.get(i);
            FieldPath path = WEBHOOKS.index(i);
            errs.addAll(webhook(webhook, path));
            errs.addAll(ReviewVersions.validate(webhook.admissionReviewVersions(), path.child("admissionReviewVersions"),
                    "must specify one of " + String.join(", ", ReviewVersions.ACCEPTED)));
            String name = MetaValidator.nullToEmpty(webhook.name());
            if (!name.isEmpty() && !names.add(name)) {
                errs.add(FieldError.duplicate(path.child("name"), name));
            }
        }
        return errs;
    }

    private static List<FieldError> webhook(Webhook webhook, FieldPath path) {
        List<FieldError> errs = new ArrayList<>(fullyQualifiedName(MetaValidator.nullToEmpty(webhook.name()), path.child("name")));
        for (int i = 0; i < webhook.rules().size(); i++) {
            errs.addAll(RuleWithOperationsValidator.validate(webhook.rules().get(i), path.child("rules").index(i)));
        }
        oneOf(webhook.failurePolicy(), FAILURE_POLICIES, path.child("failurePolicy"), errs);
        oneOf(webhook.matchPolicy(), MATCH_POLICIES, path.child("matchPolicy"), errs);
        if (webhook.sideEffects() == null) {
            errs.add(FieldError.required(path.child("sideEffects"), "must specify one of " + String.join(", ", SIDE_EFFECTS)));
        } else {
            oneOf(webhook.sideEffects(), SIDE_EFFECTS, path.child("sideEffects"), errs);
        }
        Integer timeout = webhook.timeoutSeconds();
        if (timeout != null && (timeout < MIN_TIMEOUT_SECONDS || timeout > MAX_TIMEOUT_SECONDS)) {
            errs.add(FieldError.invalid(path.child("timeoutSeconds"), timeout, "the timeout value must be between 1 and 30 seconds"));
        }
        errs.addAll(SelectorRules.validate(webhook.namespaceSelector(), path.child("namespaceSelector")));
        errs.addAll(SelectorRules.validate(webhook.objectSelector(), path.child("objectSelector")));
        if (webhook.mutating()) {
            oneOf(webhook.reinvocationPolicy(), REINVOCATION_POLICIES, path.child("reinvocationPolicy"), errs);
        }
        errs.addAll(WebhookClientConfigValidator.validate(webhook.clientConfig(), path.child("clientConfig")));
        errs.addAll(PolicyExpressionRules.matchConditions(webhook.matchConditions(), path.child("matchConditions")));
        return errs;
    }

    /**
     * A webhook is named like a domain with at least three labels, so that names from different
     * authors do not collide: {@code pod-policy.example.com} is accepted, {@code pod-policy.example}
     * is not. Only the first failing check is reported.
     */
    private static List<FieldError> fullyQualifiedName(String name, FieldPath path) {
        if (name.isEmpty()) {
            return List.of(FieldError.required(path, ""));
        }
        List<String> subdomainErrors = NameRules.isDns1123Subdomain(name);
        if (!subdomainErrors.isEmpty()) {
            return List.of(FieldError.invalid(path, name, String.join(",", subdomainErrors)));
        }
        if (name.split("\\.", -1).length < 3) {
            return List.of(FieldError.invalid(path, name, "should be a domain with at least three segments separated by dots"));
        }
        return List.of();
    }

    /** A set value outside {@code supported}; {@code ""} is set and refused, null is unset and left to defaulting. */
    private static void oneOf(String value, List<String> supported, FieldPath path, List<FieldError> errs) {
        if (value != null && !supported.contains(value)) {
            errs.add(FieldError.notSupported(path, value, supported));
        }
    }
}
