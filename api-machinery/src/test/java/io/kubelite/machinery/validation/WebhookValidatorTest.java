package io.kubelite.machinery.validation;

import static io.kubelite.machinery.validation.AdmissionPolicyValidatorTest.DNS1035_LABEL;
import static io.kubelite.machinery.validation.AdmissionPolicyValidatorTest.DNS1123_SUBDOMAIN;
import static io.kubelite.machinery.validation.AdmissionPolicyValidatorTest.QUALIFIED_NAME_PART;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MutatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ServiceReference;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhook;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfiguration;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingWebhookConfigurationBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.WebhookClientConfig;
import io.kubelite.machinery.defaulting.Defaults;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** admissionregistration.k8s.io/v1 webhook configurations: kube-apiserver 1.32's create rules, field paths and words. */
class WebhookValidatorTest {

    private static final String HOOK = "webhooks[0]";

    static final ObjectValidator VALIDATOR = new ObjectValidator();

    /** {@code pod-policy.example.com}, the example of Kubernetes' dynamic admission control documentation. */
    static ValidatingWebhook documentationWebhook() {
        return new ValidatingWebhookBuilder()
                .withName("pod-policy.example.com")
                .addNewRule().withApiGroups("").withApiVersions("v1").withOperations("CREATE").withResources("pods")
                .withScope("Namespaced").endRule()
                .withNewClientConfig().withNewService().withNamespace("example-namespace").withName("example-service")
                .endService().endClientConfig()
                .withAdmissionReviewVersions("v1", "v1beta1")
                .withSideEffects("None")
                .withTimeoutSeconds(5)
                .build();
    }

    static ValidatingWebhookConfiguration validating(ValidatingWebhook... webhooks) {
        return new ValidatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("pod-policy.example.com").endMetadata()
                .withWebhooks(webhooks).build();
    }

    static MutatingWebhookConfiguration mutating(MutatingWebhook... webhooks) {
        return new MutatingWebhookConfigurationBuilder()
                .withNewMetadata().withName("pod-defaults.example.com").endMetadata()
                .withWebhooks(webhooks).build();
    }

    /** The documentation webhook as a mutating one, called again if a later webhook changes the pod. */
    static MutatingWebhook mutatingWebhook() {
        ValidatingWebhook v = documentationWebhook();
        return new MutatingWebhookBuilder()
                .withName("pod-defaults.example.com").withRules(v.getRules()).withClientConfig(v.getClientConfig())
                .withAdmissionReviewVersions(v.getAdmissionReviewVersions()).withSideEffects("NoneOnDryRun")
                .withReinvocationPolicy("IfNeeded").build();
    }

    static List<String> errors(HasMetadata configuration) {
        return Fixtures.messages(VALIDATOR.validateCreate(configuration, false));
    }

    static List<String> errorsOf(Consumer<ValidatingWebhook> change) {
        ValidatingWebhook webhook = documentationWebhook();
        change.accept(webhook);
        return errors(validating(webhook));
    }

    private static Arguments refused(String name, Consumer<ValidatingWebhook> change, String... messages) {
        return Arguments.of(name, change, List.of(messages));
    }

    @Test
    void theDocumentationExampleIsValidBeforeAndAfterDefaulting() {
        ValidatingWebhookConfiguration configuration = validating(documentationWebhook());
        assertThat(errors(configuration)).isEmpty();

        Defaults.apply(configuration);
        assertThat(errors(configuration)).isEmpty();
    }

    @Test
    void aMutatingWebhookIsValidBeforeAndAfterDefaulting() {
        MutatingWebhookConfiguration configuration = mutating(mutatingWebhook());
        assertThat(errors(configuration)).isEmpty();

        Defaults.apply(configuration);
        assertThat(errors(configuration)).isEmpty();
    }

    @Test
    void aWebhookUsingEveryFieldIsValid() {
        ValidatingWebhook webhook = new ValidatingWebhookBuilder(documentationWebhook())
                .withFailurePolicy("Ignore").withMatchPolicy("Exact").withSideEffects("NoneOnDryRun").withTimeoutSeconds(30)
                .withNamespaceSelector(new LabelSelectorBuilder().addNewMatchExpression().withKey("environment")
                        .withOperator("NotIn").withValues("kube-system").endMatchExpression().build())
                .withObjectSelector(new LabelSelectorBuilder().addToMatchLabels("validate", "true").build())
                .withMatchConditions(new MatchCondition("request.userInfo.username != 'system:admin'", "exclude-admin"))
                .withNewClientConfig().withUrl("https://hook.example.com:8443/validate/pods").withCaBundle("Cg==").endClientConfig()
                .build();

        assertThat(errors(validating(webhook))).isEmpty();
    }

    @Test
    void aConfigurationWithoutWebhooksIsValid() {
        assertThat(errors(validating())).isEmpty();
        assertThat(errors(mutating())).isEmpty();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("a webhook without name", w -> w.setName(""), HOOK + ".name: Required value"),
                refused("a webhook named by two segments", w -> w.setName("pod-policy.example"),
                        HOOK + ".name: Invalid value: \"pod-policy.example\": should be a domain with at least three segments separated by dots"),
                refused("a webhook named in upper case", w -> w.setName("Pod-Policy.example.com"),
                        HOOK + ".name: Invalid value: \"Pod-Policy.example.com\": " + DNS1123_SUBDOMAIN),

                refused("a rule without operations", w -> w.getRules().get(0).setOperations(List.of()),
                        HOOK + ".rules[0].operations: Required value"),
                refused("a rule for PATCH, which is no admission operation", w -> w.getRules().get(0).setOperations(List.of("PATCH")),
                        HOOK + ".rules[0].operations[0]: Unsupported value: \"PATCH\": supported values: \"*\", \"CONNECT\", \"CREATE\","
                                + " \"DELETE\", \"UPDATE\""),
                refused("a rule for every resource and pods", w -> w.getRules().get(0).setResources(List.of("*", "pods")),
                        HOOK + ".rules[0].resources: Invalid value: []string{\"*\", \"pods\"}: if '*' is present, must not specify"
                                + " other resources without subresources"),
                refused("a rule of an unknown scope", w -> w.getRules().get(0).setScope("Global"),
                        HOOK + ".rules[0].scope: Unsupported value: \"Global\": supported values: \"*\", \"Cluster\", \"Namespaced\""),

                refused("an unknown failure policy", w -> w.setFailurePolicy("Retry"),
                        HOOK + ".failurePolicy: Unsupported value: \"Retry\": supported values: \"Fail\", \"Ignore\""),
                refused("an unknown match policy", w -> w.setMatchPolicy("Fuzzy"),
                        HOOK + ".matchPolicy: Unsupported value: \"Fuzzy\": supported values: \"Equivalent\", \"Exact\""),
                refused("no side effects", w -> w.setSideEffects(null),
                        HOOK + ".sideEffects: Required value: must specify one of None, NoneOnDryRun"),
                refused("side effects Some, which only v1beta1 allowed", w -> w.setSideEffects("Some"),
                        HOOK + ".sideEffects: Unsupported value: \"Some\": supported values: \"None\", \"NoneOnDryRun\""),
                refused("empty side effects", w -> w.setSideEffects(""),
                        HOOK + ".sideEffects: Unsupported value: \"\": supported values: \"None\", \"NoneOnDryRun\""),
                refused("a timeout of 0 seconds", w -> w.setTimeoutSeconds(0),
                        HOOK + ".timeoutSeconds: Invalid value: 0: the timeout value must be between 1 and 30 seconds"),
                refused("a timeout of 31 seconds", w -> w.setTimeoutSeconds(31),
                        HOOK + ".timeoutSeconds: Invalid value: 31: the timeout value must be between 1 and 30 seconds"),

                refused("a namespace selector with an unknown operator", w -> w.setNamespaceSelector(new LabelSelectorBuilder()
                                .addNewMatchExpression().withKey("env").withOperator("Equals").withValues("prod").endMatchExpression().build()),
                        HOOK + ".namespaceSelector.matchExpressions[0].operator: Invalid value: \"Equals\": not a valid selector operator"),
                refused("an object selector In without values", w -> w.setObjectSelector(new LabelSelectorBuilder()
                                .addNewMatchExpression().withKey("tier").withOperator("In").endMatchExpression().build()),
                        HOOK + ".objectSelector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or"
                                + " 'NotIn'"),

                refused("no client config", w -> w.setClientConfig(null),
                        HOOK + ".clientConfig: Required value: exactly one of url or service is required"),
                refused("a client config of only a CA bundle", w -> w.setClientConfig(new WebhookClientConfig("Cg==", null, null)),
                        HOOK + ".clientConfig: Required value: exactly one of url or service is required"),
                refused("both url and service", w -> w.getClientConfig().setUrl("https://hook.example.com"),
                        HOOK + ".clientConfig: Required value: exactly one of url or service is required"),
                refused("an http url", w -> w.setClientConfig(url("http://hook.example.com/validate")),
                        HOOK + ".clientConfig.url: Invalid value: \"http\": 'https' is the only allowed URL scheme; desired format:"
                                + " https://host[/path]"),
                refused("a service without namespace, blamed on its name as kube does",
                        w -> w.getClientConfig().getService().setNamespace(null),
                        HOOK + ".clientConfig.service.name: Required value: service name is required"),
                refused("a service port past 65535", w -> w.getClientConfig().getService().setPort(65536),
                        HOOK + ".clientConfig.service.port: Invalid value: 65536: port is not valid: must be between 1 and 65535,"
                                + " inclusive"),

                refused("a match condition without name", w -> w.setMatchConditions(List.of(new MatchCondition("true", ""))),
                        HOOK + ".matchConditions[0].name: Required value"),
                refused("a match condition without expression", w -> w.setMatchConditions(List.of(new MatchCondition(" ", "always"))),
                        HOOK + ".matchConditions[0].expression: Required value"),
                refused("a match condition name with a space", w -> w.setMatchConditions(List.of(new MatchCondition("true", "not admin"))),
                        HOOK + ".matchConditions[0].name: Invalid value: \"not admin\": " + QUALIFIED_NAME_PART),
                refused("two match conditions of one name", w -> w.setMatchConditions(
                                List.of(new MatchCondition("true", "always"), new MatchCondition("1 == 1", "always"))),
                        HOOK + ".matchConditions[1].name: Duplicate value: \"always\""),

                refused("no admission review versions", w -> w.setAdmissionReviewVersions(List.of()),
                        HOOK + ".admissionReviewVersions: Required value: must specify one of v1, v1beta1"),
                refused("only a version the server cannot send", w -> w.setAdmissionReviewVersions(List.of("v2")),
                        HOOK + ".admissionReviewVersions: Invalid value: []string{\"v2\"}: must include at least one of v1, v1beta1"),
                refused("a version listed twice", w -> w.setAdmissionReviewVersions(List.of("v1", "v1")),
                        HOOK + ".admissionReviewVersions[1]: Invalid value: \"v1\": duplicate version"),
                refused("a version in upper case", w -> w.setAdmissionReviewVersions(List.of("V1")),
                        HOOK + ".admissionReviewVersions[0]: Invalid value: \"V1\": " + DNS1035_LABEL,
                        HOOK + ".admissionReviewVersions: Invalid value: []string{\"V1\"}: must include at least one of v1, v1beta1"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, Consumer<ValidatingWebhook> change, List<String> messages) {
        assertThat(errorsOf(change)).containsExactlyElementsOf(messages);
    }

    @Test
    void aVersionThisServerCannotSendIsAcceptedBesideOneItCan() {
        assertThat(errorsOf(w -> w.setAdmissionReviewVersions(List.of("v2", "v1")))).isEmpty();
    }

    @Test
    void twoWebhooksOfOneNameAreRefusedOnTheSecond() {
        ValidatingWebhookConfiguration configuration = validating(documentationWebhook(), documentationWebhook());

        assertThat(errors(configuration)).containsExactly("webhooks[1].name: Duplicate value: \"pod-policy.example.com\"");
    }

    @Test
    void twoUnnamedWebhooksAreEachMissingANameButNotDuplicates() {
        ValidatingWebhook first = documentationWebhook();
        ValidatingWebhook second = documentationWebhook();
        first.setName(null);
        second.setName(null);

        assertThat(errors(validating(first, second)))
                .containsExactly("webhooks[0].name: Required value", "webhooks[1].name: Required value");
    }

    @Test
    void atMost64MatchConditions() {
        List<MatchCondition> conditions = IntStream.range(0, 65).mapToObj(i -> new MatchCondition("true", "c" + i)).toList();

        assertThat(errorsOf(w -> w.setMatchConditions(conditions)))
                .containsExactly(HOOK + ".matchConditions: Too many: 65: must have at most 64 items");
        assertThat(errorsOf(w -> w.setMatchConditions(conditions.subList(0, 64)))).isEmpty();
    }

    @Test
    void aMutatingWebhookIsCalledAgainOnlyIfNeededOrNever() {
        MutatingWebhook webhook = mutatingWebhook();
        webhook.setReinvocationPolicy("Always");

        assertThat(errors(mutating(webhook))).containsExactly(
                HOOK + ".reinvocationPolicy: Unsupported value: \"Always\": supported values: \"IfNeeded\", \"Never\"");
    }

    @Test
    void aMutatingWebhookIsHeldToTheSameRulesAsAValidatingOne() {
        MutatingWebhook webhook = mutatingWebhook();
        webhook.setName("pod-defaults");
        webhook.setSideEffects("Unknown");
        webhook.setClientConfig(url("https://hook.example.com/mutate?dryRun=true"));

        assertThat(errors(mutating(webhook))).containsExactly(
                HOOK + ".name: Invalid value: \"pod-defaults\": should be a domain with at least three segments separated by dots",
                HOOK + ".sideEffects: Unsupported value: \"Unknown\": supported values: \"None\", \"NoneOnDryRun\"",
                HOOK + ".clientConfig.url: Invalid value: \"dryRun=true\": query parameters are not permitted in the URL");
    }

    @Test
    void errorsComeInKubesOrder() {
        MutatingWebhook webhook = mutatingWebhook();
        webhook.setName("");
        webhook.getRules().get(0).setOperations(List.of());
        webhook.setFailurePolicy("Retry");
        webhook.setMatchPolicy("Fuzzy");
        webhook.setSideEffects(null);
        webhook.setTimeoutSeconds(60);
        webhook.setNamespaceSelector(new LabelSelectorBuilder().addNewMatchExpression().withKey("a").withOperator("Is")
                .endMatchExpression().build());
        webhook.setObjectSelector(new LabelSelectorBuilder().addNewMatchExpression().withKey("b").withOperator("Is")
                .endMatchExpression().build());
        webhook.setReinvocationPolicy("Always");
        webhook.getClientConfig().setService(new ServiceReference("", "", null, 0));
        webhook.setMatchConditions(List.of(new MatchCondition("", "c")));
        webhook.setAdmissionReviewVersions(List.of());

        assertThat(errors(mutating(webhook))).extracting(m -> m.substring(0, m.indexOf(':'))).containsExactly(
                HOOK + ".name",
                HOOK + ".rules[0].operations",
                HOOK + ".failurePolicy",
                HOOK + ".matchPolicy",
                HOOK + ".sideEffects",
                HOOK + ".timeoutSeconds",
                HOOK + ".namespaceSelector.matchExpressions[0].operator",
                HOOK + ".objectSelector.matchExpressions[0].operator",
                HOOK + ".reinvocationPolicy",
                HOOK + ".clientConfig.service.name",
                HOOK + ".clientConfig.service.namespace",
                HOOK + ".clientConfig.service.port",
                HOOK + ".matchConditions[0].expression",
                HOOK + ".admissionReviewVersions");
    }

    @Test
    void aConfigurationIsClusterScopedAndNamedLikeAnyObject() {
        ValidatingWebhookConfiguration configuration = validating(documentationWebhook());
        configuration.getMetadata().setNamespace("default");
        configuration.getMetadata().setName("Pod-Policy");

        assertThat(errors(configuration)).containsExactly(
                "metadata.name: Invalid value: \"Pod-Policy\": " + DNS1123_SUBDOMAIN,
                "metadata.namespace: Forbidden: not allowed on this type");
    }

    @Test
    void anUpdateIsHeldToTheSameRulesAsACreate() {
        ValidatingWebhook webhook = documentationWebhook();
        webhook.setTimeoutSeconds(45);

        assertThat(Fixtures.messages(VALIDATOR.validate(validating(webhook), false))).containsExactly(
                HOOK + ".timeoutSeconds: Invalid value: 45: the timeout value must be between 1 and 30 seconds");
    }

    static WebhookClientConfig url(String url) {
        WebhookClientConfig config = new WebhookClientConfig();
        config.setUrl(url);
        return config;
    }
}
