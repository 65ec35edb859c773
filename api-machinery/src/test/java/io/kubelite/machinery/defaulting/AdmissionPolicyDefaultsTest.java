package io.kubelite.machinery.defaulting;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamRef;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBinding;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBindingBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.json.JsonMapper;

class AdmissionPolicyDefaultsTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** A policy as a user writes it: no failure policy, match policy, selectors or rule scopes. */
    static ValidatingAdmissionPolicy policy() {
        return new ValidatingAdmissionPolicyBuilder()
                .withNewMetadata().withName("demo-policy.example.com").endMetadata()
                .withNewSpec()
                .withNewMatchConstraints()
                .addNewResourceRule().withApiGroups("apps").withApiVersions("v1").withOperations("CREATE", "UPDATE")
                .withResources("deployments").endResourceRule()
                .addNewExcludeResourceRule().withApiGroups("apps").withApiVersions("v1").withOperations("*")
                .withResources("deployments/scale").endExcludeResourceRule()
                .endMatchConstraints()
                .addNewValidation().withExpression("object.spec.replicas <= 5").endValidation()
                .endSpec().build();
    }

    static ValidatingAdmissionPolicyBinding binding() {
        return new ValidatingAdmissionPolicyBindingBuilder()
                .withNewMetadata().withName("demo-binding-test.example.com").endMetadata()
                .withNewSpec().withPolicyName("demo-policy.example.com").withValidationActions("Deny")
                .withNewMatchResources().addNewResourceRule().withApiGroups("").withApiVersions("v1").withOperations("CREATE")
                .withResources("pods").endResourceRule().endMatchResources()
                .endSpec().build();
    }

    static Stream<Arguments> policyDefaults() {
        Consumer<ValidatingAdmissionPolicy> none = p -> { };
        return Stream.of(
                Arguments.of("a policy fails closed", none, (Function<ValidatingAdmissionPolicy, Object>) p -> p.getSpec().getFailurePolicy(),
                        "Fail"),
                Arguments.of("a chosen failure policy is kept", (Consumer<ValidatingAdmissionPolicy>) p -> p.getSpec().setFailurePolicy("Ignore"),
                        (Function<ValidatingAdmissionPolicy, Object>) p -> p.getSpec().getFailurePolicy(), "Ignore"),
                Arguments.of("matching is Equivalent", none,
                        (Function<ValidatingAdmissionPolicy, Object>) p -> p.getSpec().getMatchConstraints().getMatchPolicy(), "Equivalent"),
                Arguments.of("every namespace is selected", none,
                        (Function<ValidatingAdmissionPolicy, Object>) p -> p.getSpec().getMatchConstraints().getNamespaceSelector(),
                        new LabelSelector()),
                Arguments.of("every object is selected", none,
                        (Function<ValidatingAdmissionPolicy, Object>) p -> p.getSpec().getMatchConstraints().getObjectSelector(),
                        new LabelSelector()),
                Arguments.of("a chosen namespace selector is kept", (Consumer<ValidatingAdmissionPolicy>) p -> p.getSpec()
                                .getMatchConstraints().setNamespaceSelector(new LabelSelectorBuilder().addToMatchLabels("env", "prod").build()),
                        (Function<ValidatingAdmissionPolicy, Object>) p -> p.getSpec().getMatchConstraints().getNamespaceSelector()
                                .getMatchLabels().get("env"), "prod"),
                Arguments.of("a resource rule applies to both scopes", none,
                        (Function<ValidatingAdmissionPolicy, Object>) p -> p.getSpec().getMatchConstraints().getResourceRules().get(0)
                                .getScope(), "*"),
                Arguments.of("an exclude rule applies to both scopes", none,
                        (Function<ValidatingAdmissionPolicy, Object>) p -> p.getSpec().getMatchConstraints().getExcludeResourceRules()
                                .get(0).getScope(), "*"),
                Arguments.of("a chosen scope is kept", (Consumer<ValidatingAdmissionPolicy>) p -> p.getSpec().getMatchConstraints()
                                .getResourceRules().set(0, new NamedRuleWithOperationsBuilder().withScope("Namespaced").build()),
                        (Function<ValidatingAdmissionPolicy, Object>) p -> p.getSpec().getMatchConstraints().getResourceRules().get(0)
                                .getScope(), "Namespaced"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("policyDefaults")
    void appliesPolicyDefaults(String name, Consumer<ValidatingAdmissionPolicy> prepare, Function<ValidatingAdmissionPolicy, Object> field,
                               Object expected) {
        ValidatingAdmissionPolicy policy = policy();
        prepare.accept(policy);
        Defaults.apply(policy);
        assertThat(field.apply(policy)).isEqualTo(expected);
    }

    @Test
    void aPolicyWithoutSpecStillFailsClosed() {
        ValidatingAdmissionPolicy policy = new ValidatingAdmissionPolicyBuilder().withNewMetadata().withName("p").endMetadata().build();

        Defaults.apply(policy);

        assertThat(policy.getSpec().getFailurePolicy()).isEqualTo("Fail");
        assertThat(policy.getSpec().getMatchConstraints()).isNull();
    }

    @Test
    void aBindingsMatchResourcesAreDefaultedLikeAPolicys() {
        ValidatingAdmissionPolicyBinding binding = binding();

        Defaults.apply(binding);

        var match = binding.getSpec().getMatchResources();
        assertThat(match.getMatchPolicy()).isEqualTo("Equivalent");
        assertThat(match.getNamespaceSelector()).isEqualTo(new LabelSelector());
        assertThat(match.getObjectSelector()).isEqualTo(new LabelSelector());
        assertThat(match.getResourceRules().get(0).getScope()).isEqualTo("*");
    }

    @Test
    void aParamReferenceMustSayWhatAMissingParamMeans() {
        ValidatingAdmissionPolicyBinding binding = binding();
        binding.getSpec().setParamRef(new ParamRef("limits", "default", null, null));

        Defaults.apply(binding);

        assertThat(binding.getSpec().getParamRef().getParameterNotFoundAction()).isNull();
    }

    @Test
    void aBindingWithoutMatchResourcesGainsNone() {
        ValidatingAdmissionPolicyBinding binding = binding();
        binding.getSpec().setMatchResources(null);

        Defaults.apply(binding);

        assertThat(binding.getSpec().getMatchResources()).isNull();
    }

    @Test
    void defaultedSelectorsAreWrittenAsEmptyObjects() {
        ValidatingAdmissionPolicy policy = policy();

        Defaults.apply(policy);

        var constraints = JSON.valueToTree(policy).path("spec").path("matchConstraints");
        assertThat(constraints.path("namespaceSelector").toString()).isEqualTo("{}");
        assertThat(constraints.path("objectSelector").toString()).isEqualTo("{}");
    }
}
