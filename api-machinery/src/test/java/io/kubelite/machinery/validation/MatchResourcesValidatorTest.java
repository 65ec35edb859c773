package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperations;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.NamedRuleWithOperationsBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The match constraints of a ValidatingAdmissionPolicy: selectors, resource rules and their wildcards. */
class MatchResourcesValidatorTest {

    private static final String RULE = "spec.matchConstraints.resourceRules[0]";

    final ObjectValidator validator = new ObjectValidator();

    List<String> errors(Consumer<ValidatingAdmissionPolicy> change) {
        return Fixtures.messages(validator.validateCreate(AdmissionPolicyValidatorTest.changed(change), false));
    }

    static NamedRuleWithOperations rule(ValidatingAdmissionPolicy policy) {
        return policy.getSpec().getMatchConstraints().getResourceRules().get(0);
    }

    private static Arguments refused(String name, Consumer<ValidatingAdmissionPolicy> change, String... messages) {
        return Arguments.of(name, change, List.of(messages));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            every resource                           | *
            every resource and subresource           | */*
            a resource and one of its subresources   | pods,pods/log
            every resource plus one subresource      | *,pods/log
            every subresource of pods, then scale    | pods/*,deployments/scale
            a subresource, then its wildcard         | pods/log,pods/*
            a resource, then every resource          | pods,*
            """)
    void acceptsResources(String name, String resources) {
        assertThat(errors(p -> rule(p).setResources(List.of(resources.split(","))))).isEmpty();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            an empty resource                      | deployments,     | spec.matchConstraints.resourceRules[0].resources[1]: Required value
            a subresource after its wildcard       | pods/*,pods/log  | spec.matchConstraints.resourceRules[0].resources[1]: Invalid value: "pods/log": if 'pods/*' is present, must not specify pods/log
            a subresource after every resource's   | */status,pods/status | spec.matchConstraints.resourceRules[0].resources[1]: Invalid value: "pods/status": if '*/status' is present, must not specify pods/status
            all and all with another               | */*,pods         | spec.matchConstraints.resourceRules[0].resources: Invalid value: []string{"*/*", "pods"}: if '*/*' is present, must not specify other resources
            every resource, then a resource        | *,pods           | spec.matchConstraints.resourceRules[0].resources: Invalid value: []string{"*", "pods"}: if '*' is present, must not specify other resources without subresources
            """)
    void refusesResources(String name, String resources, String message) {
        assertThat(errors(p -> rule(p).setResources(List.of(resources.split(",", -1))))).containsExactly(message);
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("no operations", p -> rule(p).setOperations(List.of()), RULE + ".operations: Required value"),
                refused("PATCH, which is no admission operation", p -> rule(p).setOperations(List.of("CREATE", "PATCH")),
                        RULE + ".operations[1]: Unsupported value: \"PATCH\": supported values: \"*\", \"CONNECT\", \"CREATE\", "
                                + "\"DELETE\", \"UPDATE\""),
                refused("every operation and one more", p -> rule(p).setOperations(List.of("*", "CREATE")),
                        RULE + ".operations: Invalid value: []admissionregistration.OperationType{\"*\", \"CREATE\"}: "
                                + "if '*' is present, must not specify other operations"),
                refused("no API groups", p -> rule(p).setApiGroups(List.of()), RULE + ".apiGroups: Required value"),
                refused("every API group and one more", p -> rule(p).setApiGroups(List.of("*", "apps")),
                        RULE + ".apiGroups: Invalid value: []string{\"*\", \"apps\"}: if '*' is present, must not specify other API groups"),
                refused("no API versions", p -> rule(p).setApiVersions(List.of()), RULE + ".apiVersions: Required value"),
                refused("every API version and one more", p -> rule(p).setApiVersions(List.of("v1", "*")),
                        RULE + ".apiVersions: Invalid value: []string{\"v1\", \"*\"}: if '*' is present, must not specify other API versions"),
                refused("an empty API version", p -> rule(p).setApiVersions(List.of("v1", "")), RULE + ".apiVersions[1]: Required value"),
                refused("no resources", p -> rule(p).setResources(List.of()), RULE + ".resources: Required value"),
                refused("an unknown scope", p -> rule(p).setScope("Global"),
                        RULE + ".scope: Unsupported value: \"Global\": supported values: \"*\", \"Cluster\", \"Namespaced\""),
                refused("a resource name with a slash", p -> rule(p).setResourceNames(List.of("kube-system/coredns")),
                        RULE + ".resourceNames[0]: Invalid value: \"kube-system/coredns\": may not contain '/'"),
                refused("a resource name of two dots", p -> rule(p).setResourceNames(List.of("..")),
                        RULE + ".resourceNames[0]: Invalid value: \"..\": may not be '..'"),
                refused("a resource name twice", p -> rule(p).setResourceNames(List.of("coredns", "coredns")),
                        RULE + ".resourceNames[1]: Duplicate value: \"coredns\""),
                refused("an exclude rule without operations", p -> p.getSpec().getMatchConstraints().setExcludeResourceRules(List.of(
                        new NamedRuleWithOperationsBuilder().withApiGroups("").withApiVersions("v1").withResources("pods").build())),
                        "spec.matchConstraints.excludeResourceRules[0].operations: Required value"),
                refused("an unknown match policy", p -> p.getSpec().getMatchConstraints().setMatchPolicy("Fuzzy"),
                        "spec.matchConstraints.matchPolicy: Unsupported value: \"Fuzzy\": supported values: \"Equivalent\", \"Exact\""),
                refused("a namespace selector with an unknown operator", p -> p.getSpec().getMatchConstraints().setNamespaceSelector(
                        new LabelSelectorBuilder().addNewMatchExpression().withKey("env").withOperator("Has").endMatchExpression().build()),
                        "spec.matchConstraints.namespaceSelector.matchExpressions[0].operator: Invalid value: \"Has\": "
                                + "not a valid selector operator"),
                refused("an object selector with a value for Exists", p -> p.getSpec().getMatchConstraints().setObjectSelector(
                        new LabelSelectorBuilder().addNewMatchExpression().withKey("tier").withOperator("Exists").withValues("web")
                                .endMatchExpression().build()),
                        "spec.matchConstraints.objectSelector.matchExpressions[0].values: Forbidden: "
                                + "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, Consumer<ValidatingAdmissionPolicy> change, List<String> messages) {
        assertThat(errors(change)).containsExactlyElementsOf(messages);
    }

    @Test
    void aRuleNamingEverythingExplicitlyIsValid() {
        assertThat(errors(p -> p.getSpec().getMatchConstraints().setResourceRules(List.of(new NamedRuleWithOperationsBuilder()
                .withApiGroups("*").withApiVersions("*").withOperations("*").withResources("*/*").withScope("Namespaced")
                .withResourceNames("a", "b").build())))).isEmpty();
    }

    @Test
    void theCoreGroupIsTheEmptyString() {
        assertThat(errors(p -> {
            rule(p).setApiGroups(List.of(""));
            rule(p).setResources(List.of("pods", "pods/ephemeralcontainers"));
        })).isEmpty();
    }

    @Test
    void aRuleIsCheckedInKubesOrderNamesOperationsGroupsVersionsResourcesScope() {
        List<String> errors = errors(p -> p.getSpec().getMatchConstraints().setResourceRules(List.of(
                new NamedRuleWithOperations(List.of(), List.of(), List.of(), List.of("a/b"), List.of(), "Global"))));

        assertThat(errors).extracting(m -> m.substring(0, m.indexOf(':'))).containsExactly(
                RULE + ".resourceNames[0]",
                RULE + ".operations",
                RULE + ".apiGroups",
                RULE + ".apiVersions",
                RULE + ".resources",
                RULE + ".scope");
    }
}
