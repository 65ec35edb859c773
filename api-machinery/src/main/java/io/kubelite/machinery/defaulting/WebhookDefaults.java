package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.RuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import java.util.List;

/**
 * Admission webhook configurations as admissionregistration/v1 defaults each webhook: it fails
 * closed ({@code failurePolicy: Fail}), matches {@code Equivalent} requests (a webhook for
 * {@code apps/v1} deployments also sees a request made through another version of deployments),
 * selects every namespace and object ({@code {}}), is given 10 seconds, and a mutating one is
 * called once ({@code reinvocationPolicy: Never}). A rule without a scope applies to both scopes
 * ({@code *}) and a service is called on port 443.
 *
 * <p>{@code sideEffects} and {@code admissionReviewVersions} are deliberately not defaulted: v1
 * requires them (v1beta1 defaulted them to {@code Unknown} and {@code [v1beta1]}).
 */
final class WebhookDefaults {

    static final int TIMEOUT_SECONDS = 10;
    static final int SERVICE_PORT = 443;

    private WebhookDefaults() {
    }

    static void validating(ValidatingWebhookConfiguration configuration) {
        for (ValidatingWebhook w : ContainerDefaults.orEmpty(configuration.getWebhooks())) {
            if (w == null) {
                continue;
            }
            if (w.getFailurePolicy() == null) {
                w.setFailurePolicy("Fail");
            }
            if (w.getMatchPolicy() == null) {
                w.setMatchPolicy("Equivalent");
            }
            if (w.getNamespaceSelector() == null) {
                w.setNamespaceSelector(new LabelSelector());
            }
            if (w.getObjectSelector() == null) {
                w.setObjectSelector(new LabelSelector());
            }
            if (w.getTimeoutSeconds() == null) {
                w.setTimeoutSeconds(TIMEOUT_SECONDS);
            }
            rulesAndService(w.getRules(), w.getClientConfig());
        }
    }

    static void mutating(MutatingWebhookConfiguration configuration) {
        for (MutatingWebhook w : ContainerDefaults.orEmpty(configuration.getWebhooks())) {
            if (w == null) {
                continue;
            }
            if (w.getFailurePolicy() == null) {
                w.setFailurePolicy("Fail");
            }
            if (w.getMatchPolicy() == null) {
                w.setMatchPolicy("Equivalent");
            }
            if (w.getNamespaceSelector() == null) {
                w.setNamespaceSelector(new LabelSelector());
            }
            if (w.getObjectSelector() == null) {
                w.setObjectSelector(new LabelSelector());
            }
            if (w.getTimeoutSeconds() == null) {
                w.setTimeoutSeconds(TIMEOUT_SECONDS);
            }
            if (w.getReinvocationPolicy() == null) {
                w.setReinvocationPolicy("Never");
            }
            rulesAndService(w.getRules(), w.getClientConfig());
        }
    }

    private static void rulesAndService(List<RuleWithOperations> rules, WebhookClientConfig clientConfig) {
        for (RuleWithOperations rule : ContainerDefaults.orEmpty(rules)) {
            if (rule != null && rule.getScope() == null) {
                rule.setScope("*");
            }
        }
        if (clientConfig != null && clientConfig.getService() != null && clientConfig.getService().getPort() == null) {
            clientConfig.getService().setPort(SERVICE_PORT);
        }
    }
}
