package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.kubelite.machinery.defaulting.Defaults;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** admissionregistration.k8s.io/v1 ValidatingAdmissionPolicyBindings: kube-apiserver 1.32's rules, field paths and words. */
class AdmissionPolicyBindingValidatorTest {

    private static final String EXCLUSIVE = "Forbidden: name and selector are mutually exclusive";
    private static final LabelSelector TEAM_PARAMS = new LabelSelectorBuilder().addToMatchLabels("team", "payments").build();

    final ObjectValidator validator = new ObjectValidator();

    /** {@code demo-binding-test.example.com}, the example of Kubernetes' ValidatingAdmissionPolicy documentation. */
    static ValidatingAdmissionPolicyBindingBuilder documentationExample() {
        return new ValidatingAdmissionPolicyBindingBuilder()
                .withNewMetadata().withName("demo-binding-test.example.com").endMetadata()
                .withNewSpec()
                .withPolicyName("demo-policy.example.com")
                .withValidationActions("Deny")
                .withNewMatchResources().withNewNamespaceSelector().addToMatchLabels("environment", "test").endNamespaceSelector()
                .endMatchResources()
                .endSpec();
    }

    List<String> errors(ValidatingAdmissionPolicyBinding binding) {
        return Fixtures.messages(validator.validateCreate(binding, false));
    }

    static ValidatingAdmissionPolicyBinding changed(Consumer<ValidatingAdmissionPolicyBinding> change) {
        ValidatingAdmissionPolicyBinding binding = documentationExample().build();
        change.accept(binding);
        return binding;
    }

    private static Arguments refused(String name, Consumer<ValidatingAdmissionPolicyBinding> change, String... messages) {
        return Arguments.of(name, change, List.of(messages));
    }

    @Test
    void theDocumentationExampleIsValidBeforeAndAfterDefaulting() {
        ValidatingAdmissionPolicyBinding binding = documentationExample().build();
        assertThat(errors(binding)).isEmpty();

        Defaults.apply(binding);
        assertThat(errors(binding)).isEmpty();
    }

    @Test
    void aBindingWithoutMatchResourcesOrParamsIsValid() {
        assertThat(errors(changed(b -> b.getSpec().setMatchResources(null)))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            a param by namespace and name, denied when missing  | limits  | payments | Deny
            a param by name alone, allowed when missing         | limits  |          | Allow
            """)
    void acceptsANamedParam(String name, String paramName, String namespace, String action) {
        assertThat(errors(changed(b -> b.getSpec().setParamRef(new ParamRef(paramName, namespace, action, null))))).isEmpty();
    }

    @Test
    void acceptsParamsChosenBySelector() {
        assertThat(errors(changed(b -> b.getSpec().setParamRef(new ParamRef(null, null, "Deny", TEAM_PARAMS))))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            deny                      | Deny
            warn                      | Warn
            audit                     | Audit
            deny and audit            | Deny,Audit
            warn and audit            | Warn,Audit
            """)
    void acceptsValidationActions(String name, String actions) {
        assertThat(errors(changed(b -> b.getSpec().setValidationActions(List.of(actions.split(",")))))).isEmpty();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("no policy name", b -> b.getSpec().setPolicyName(""), "spec.policyName: Required value"),
                refused("a policy name in upper case", b -> b.getSpec().setPolicyName("Demo-Policy"),
                        "spec.policyName: Invalid value: \"Demo-Policy\": " + AdmissionPolicyValidatorTest.DNS1123_SUBDOMAIN),

                refused("a param reference naming nothing", b -> b.getSpec().setParamRef(new ParamRef(null, null, "Deny", null)),
                        "spec.paramRef: Required value: one of name or selector must be specified"),
                refused("a param reference with both name and selector", b -> b.getSpec().setParamRef(
                        new ParamRef("limits", null, "Deny", TEAM_PARAMS)),
                        "spec.paramRef.name: " + EXCLUSIVE,
                        "spec.paramRef.selector: " + EXCLUSIVE),
                refused("a param name with a slash", b -> b.getSpec().setParamRef(new ParamRef("payments/limits", null, "Deny", null)),
                        "spec.paramRef.name: Invalid value: \"payments/limits\": may not contain '/'"),
                refused("a param selector missing its values", b -> b.getSpec().setParamRef(new ParamRef(null, null, "Deny",
                        new LabelSelectorBuilder().addNewMatchExpression().withKey("team").withOperator("In").endMatchExpression().build())),
                        "spec.paramRef.selector.matchExpressions[0].values: Required value: "
                                + "must be specified when `operator` is 'In' or 'NotIn'"),
                refused("no parameterNotFoundAction, which has no default", b -> b.getSpec().setParamRef(
                        new ParamRef("limits", null, null, null)),
                        "spec.paramRef.parameterNotFoundAction: Required value"),
                refused("an unknown parameterNotFoundAction", b -> b.getSpec().setParamRef(new ParamRef("limits", null, "Ignore", null)),
                        "spec.paramRef.parameterNotFoundAction: Unsupported value: \"Ignore\": supported values: \"Deny\", \"Allow\""),

                refused("match resources with a rule lacking operations, under kube's misspelt path", b -> b.getSpec()
                        .getMatchResources().setResourceRules(List.of(
                                new NamedRuleWithOperations(List.of("apps"), List.of("v1"), List.of(), null, List.of("deployments"), null))),
                        "spec.matchResouces.resourceRules[0].operations: Required value"),
                refused("an unknown match policy", b -> b.getSpec().getMatchResources().setMatchPolicy("Fuzzy"),
                        "spec.matchResouces.matchPolicy: Unsupported value: \"Fuzzy\": supported values: \"Equivalent\", \"Exact\""),

                refused("no validation actions", b -> b.getSpec().setValidationActions(List.of()),
                        "spec.validationActions: Required value: at least one validation action is required"),
                refused("an unknown validation action", b -> b.getSpec().setValidationActions(List.of("Block")),
                        "spec.validationActions[0]: Unsupported value: \"Block\": supported values: \"Audit\", \"Deny\", \"Warn\""),
                refused("a validation action twice", b -> b.getSpec().setValidationActions(List.of("Audit", "Audit")),
                        "spec.validationActions[1]: Duplicate value: \"Audit\""),
                refused("deny together with warn", b -> b.getSpec().setValidationActions(List.of("Deny", "Audit", "Warn")),
                        "spec.validationActions: Invalid value: []admissionregistration.ValidationAction{\"Deny\", \"Audit\", \"Warn\"}: "
                                + "must not contain both Deny and Warn (repeating the same validation failure information in the API "
                                + "response and headers serves no purpose)"),

                refused("a namespace on a cluster-scoped kind", b -> b.getMetadata().setNamespace("default"),
                        "metadata.namespace: Forbidden: not allowed on this type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, Consumer<ValidatingAdmissionPolicyBinding> change, List<String> messages) {
        assertThat(errors(changed(change))).containsExactlyElementsOf(messages);
    }

    @Test
    void errorsComeInKubesOrder() {
        ValidatingAdmissionPolicyBinding binding = changed(b -> {
            b.getSpec().setPolicyName(null);
            b.getSpec().setParamRef(new ParamRef("limits", null, "Skip", null));
            b.getSpec().getMatchResources().setMatchPolicy("Fuzzy");
            b.getSpec().setValidationActions(null);
        });

        assertThat(errors(binding)).extracting(m -> m.substring(0, m.indexOf(':'))).containsExactly(
                "spec.policyName",
                "spec.paramRef.parameterNotFoundAction",
                "spec.matchResouces.matchPolicy",
                "spec.validationActions");
    }

    @Test
    void anUpdateIsHeldToTheSameRulesAsACreate() {
        ValidatingAdmissionPolicyBinding binding = changed(b -> b.getSpec().setValidationActions(List.of("Deny", "Warn")));

        assertThat(Fixtures.messages(validator.validate(binding, false))).hasSize(1).first().asString()
                .startsWith("spec.validationActions: Invalid value:");
    }
}
