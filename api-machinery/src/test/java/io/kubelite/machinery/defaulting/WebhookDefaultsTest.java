package io.kubelite.machinery.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class WebhookDefaultsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A validating webhook as a user writes it: only what v1 requires, a rule without scope, a service without port. */
    static ValidatingWebhookConfiguration validating() {
        return new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("pod-policy.example.com").endMetadata()
                .addNewWebhook().withName("pod-policy.example.com")
                .addNewRule().withApiGroups("").withApiVersions("v1").withOperations("CREATE").withResources("pods").endRule()
                .withNewClientConfig().withNewService().withNamespace("example-namespace").withName("example-service")
                .endService().endClientConfig()
                .withAdmissionReviewVersions("v1").withSideEffects("None")
                .endWebhook().build();
    }

    static MutatingWebhookConfiguration mutating() {
        return new MutatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("pod-defaults.example.com").endMetadata()
                .addNewWebhook().withName("pod-defaults.example.com")
                .addNewRule().withApiGroups("").withApiVersions("v1").withOperations("CREATE").withResources("pods").endRule()
                .withNewClientConfig().withUrl("https://hook.example.com/mutate").endClientConfig()
                .withAdmissionReviewVersions("v1").withSideEffects("None")
                .endWebhook().build();
    }

    private static Arguments defaulted(String name, Consumer<ValidatingWebhook> prepare, Function<ValidatingWebhook, Object> field,
                                       Object expected) {
        return Arguments.of(name, prepare, field, expected);
    }

    static Stream<Arguments> validatingDefaults() {
        Consumer<ValidatingWebhook> none = w -> { };
        return Stream.of(
                defaulted("a webhook fails closed", none, ValidatingWebhook::getFailurePolicy, "Fail"),
                defaulted("a chosen failure policy is kept", w -> w.setFailurePolicy("Ignore"), ValidatingWebhook::getFailurePolicy,
                        "Ignore"),
                defaulted("matching is Equivalent", none, ValidatingWebhook::getMatchPolicy, "Equivalent"),
                defaulted("every namespace is selected", none, ValidatingWebhook::getNamespaceSelector, new LabelSelector()),
                defaulted("every object is selected", none, ValidatingWebhook::getObjectSelector, new LabelSelector()),
                defaulted("a chosen object selector is kept",
                        w -> w.setObjectSelector(new LabelSelectorBuilder().addToMatchLabels("validate", "true").build()),
                        w -> w.getObjectSelector().getMatchLabels(), Map.of("validate", "true")),
                defaulted("a webhook is given 10 seconds", none, ValidatingWebhook::getTimeoutSeconds, 10),
                defaulted("a chosen timeout is kept", w -> w.setTimeoutSeconds(3), ValidatingWebhook::getTimeoutSeconds, 3),
                defaulted("a rule applies to both scopes", none, w -> w.getRules().get(0).getScope(), "*"),
                defaulted("a chosen scope is kept", w -> w.getRules().get(0).setScope("Cluster"), w -> w.getRules().get(0).getScope(),
                        "Cluster"),
                defaulted("a service is called on 443", none, w -> w.getClientConfig().getService().getPort(), 443),
                defaulted("a chosen port is kept", w -> w.getClientConfig().getService().setPort(8443),
                        w -> w.getClientConfig().getService().getPort(), 8443),
                defaulted("side effects must be declared", w -> w.setSideEffects(null), ValidatingWebhook::getSideEffects, null),
                defaulted("review versions must be declared", w -> w.setAdmissionReviewVersions(null),
                        ValidatingWebhook::getAdmissionReviewVersions, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("validatingDefaults")
    void appliesValidatingWebhookDefaults(String name, Consumer<ValidatingWebhook> prepare, Function<ValidatingWebhook, Object> field,
                                          Object expected) {
        ValidatingWebhookConfiguration configuration = validating();
        prepare.accept(configuration.getWebhooks().get(0));

        Defaults.apply(configuration);

        assertThat(field.apply(configuration.getWebhooks().get(0))).isEqualTo(expected);
    }

    @Test
    void aMutatingWebhookIsDefaultedLikeAValidatingOneAndCalledOnce() {
        MutatingWebhookConfiguration configuration = mutating();

        Defaults.apply(configuration);

        MutatingWebhook webhook = configuration.getWebhooks().get(0);
        assertThat(webhook.getReinvocationPolicy()).isEqualTo("Never");
        assertThat(webhook.getFailurePolicy()).isEqualTo("Fail");
        assertThat(webhook.getMatchPolicy()).isEqualTo("Equivalent");
        assertThat(webhook.getNamespaceSelector()).isEqualTo(new LabelSelector());
        assertThat(webhook.getObjectSelector()).isEqualTo(new LabelSelector());
        assertThat(webhook.getTimeoutSeconds()).isEqualTo(10);
        assertThat(webhook.getRules().get(0).getScope()).isEqualTo("*");
    }

    @Test
    void aChosenReinvocationPolicyIsKept() {
        MutatingWebhookConfiguration configuration = mutating();
        configuration.getWebhooks().get(0).setReinvocationPolicy("IfNeeded");

        Defaults.apply(configuration);

        assertThat(configuration.getWebhooks().get(0).getReinvocationPolicy()).isEqualTo("IfNeeded");
    }

    @Test
    void aWebhookCalledByUrlGainsNoService() {
        MutatingWebhookConfiguration configuration = mutating();

        Defaults.apply(configuration);

        assertThat(configuration.getWebhooks().get(0).getClientConfig().getService()).isNull();
        assertThat(configuration.getWebhooks().get(0).getClientConfig().getUrl()).isEqualTo("https://hook.example.com/mutate");
    }

    @Test
    void defaultedSelectorsAreWrittenAsEmptyObjects() {
        ValidatingWebhookConfiguration configuration = validating();

        Defaults.apply(configuration);

        var webhook = JSON.valueToTree(configuration).path("webhooks").path(0);
        assertThat(webhook.path("namespaceSelector").toString()).isEqualTo("{}");
        assertThat(webhook.path("objectSelector").toString()).isEqualTo("{}");
    }
}
