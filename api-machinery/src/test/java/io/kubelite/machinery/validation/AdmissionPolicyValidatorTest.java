package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.admissionregistration.v1.AuditAnnotation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.MatchCondition;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ParamKind;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicy;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.ValidatingAdmissionPolicyBuilder;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Validation;
import io.fabric8.kubernetes.api.model.admissionregistration.v1.Variable;
import io.kubelite.machinery.defaulting.Defaults;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** admissionregistration.k8s.io/v1 ValidatingAdmissionPolicies: kube-apiserver 1.32's rules, field paths and words. */
class AdmissionPolicyValidatorTest {

    static final String QUALIFIED_NAME_PART = "name part must consist of alphanumeric characters, '-', '_' or '.', and must"
            + " start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for"
            + " validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
    static final String DNS1035_LABEL = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start"
            + " with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex"
            + " used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
    static final String DNS1123_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric"
            + " characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex"
            + " used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    final ObjectValidator validator = new ObjectValidator();

    /** {@code demo-policy.example.com}, the example of Kubernetes' ValidatingAdmissionPolicy documentation. */
    static ValidatingAdmissionPolicyBuilder documentationExample() {
        return new ValidatingAdmissionPolicyBuilder()
                .withNewMetadata().withName("demo-policy.example.com").endMetadata()
                .withNewSpec()
                .withFailurePolicy("Fail")
                .withNewMatchConstraints()
                .addNewResourceRule().withApiGroups("apps").withApiVersions("v1").withOperations("CREATE", "UPDATE")
                .withResources("deployments").endResourceRule()
                .endMatchConstraints()
                .addNewValidation().withExpression("object.spec.replicas <= 5").endValidation()
                .endSpec();
    }

    List<String> errors(ValidatingAdmissionPolicy policy) {
        return Fixtures.messages(validator.validateCreate(policy, false));
    }

    static ValidatingAdmissionPolicy changed(Consumer<ValidatingAdmissionPolicy> change) {
        ValidatingAdmissionPolicy policy = documentationExample().build();
        change.accept(policy);
        return policy;
    }

    private static Arguments refused(String name, Consumer<ValidatingAdmissionPolicy> change, String... messages) {
        return Arguments.of(name, change, List.of(messages));
    }

    @Test
    void theDocumentationExampleIsValidBeforeAndAfterDefaulting() {
        ValidatingAdmissionPolicy policy = documentationExample().build();
        assertThat(errors(policy)).isEmpty();

        Defaults.apply(policy);
        assertThat(errors(policy)).isEmpty();
    }

    @Test
    void aPolicyUsingEveryFieldIsValid() {
        ValidatingAdmissionPolicy policy = documentationExample().editSpec()
                .withFailurePolicy("Ignore")
                .withParamKind(new ParamKind("rules.example.com/v1", "ReplicaLimit"))
                .withMatchConditions(new MatchCondition("object.metadata.name != 'kube-dns'", "exclude-kube-dns"),
                        new MatchCondition("true", "example.com/always"))
                .withVariables(new Variable("object.spec.replicas", "replicas"), new Variable("params.max", "_max2"))
                .withValidations(new Validation("variables.replicas <= variables._max2", "too many replicas",
                        "'replicas: ' + string(variables.replicas)", "Forbidden"))
                .withAuditAnnotations(new AuditAnnotation("high-replicas", "'replicas: ' + string(variables.replicas)"))
                .endSpec().build();

        assertThat(errors(policy)).isEmpty();
    }

    @Test
    void auditAnnotationsAloneAreEnough() {
        ValidatingAdmissionPolicy policy = changed(p -> {
            p.getSpec().setValidations(new ArrayList<>());
            p.getSpec().setAuditAnnotations(List.of(new AuditAnnotation("replicas", "string(object.spec.replicas)")));
        });

        assertThat(errors(policy)).isEmpty();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                refused("an unknown failure policy", p -> p.getSpec().setFailurePolicy("Retry"),
                        "spec.failurePolicy: Unsupported value: \"Retry\": supported values: \"Fail\", \"Ignore\""),
                refused("no match constraints", p -> p.getSpec().setMatchConstraints(null),
                        "spec.matchConstraints: Required value"),
                refused("match constraints without a resource rule", p -> p.getSpec().getMatchConstraints().setResourceRules(List.of()),
                        "spec.matchConstraints.resourceRules: Required value"),
                refused("neither validations nor audit annotations", p -> p.getSpec().setValidations(List.of()),
                        "spec.validations: Required value: validations or auditAnnotations must contain at least one item",
                        "spec.auditAnnotations: Required value: validations or auditAnnotations must contain at least one item"),

                refused("a param kind without apiVersion", p -> p.getSpec().setParamKind(new ParamKind(null, "ReplicaLimit")),
                        "spec.paramKind.apiVersion: Required value"),
                refused("a param kind apiVersion of three parts", p -> p.getSpec().setParamKind(new ParamKind("a/b/c", "ReplicaLimit")),
                        "spec.paramKind.apiVersion: Invalid value: \"a/b/c\": unexpected GroupVersion string: a/b/c"),
                refused("a param kind group in upper case", p -> p.getSpec().setParamKind(new ParamKind("Rules.example.com/v1", "ReplicaLimit")),
                        "spec.paramKind.apiVersion: Invalid value: \"Rules.example.com\": " + DNS1123_SUBDOMAIN),
                refused("a param kind group without version", p -> p.getSpec().setParamKind(new ParamKind("rules.example.com/", "ReplicaLimit")),
                        "spec.paramKind.apiVersion: Invalid value: \"rules.example.com/\": version must be specified"),
                refused("a param kind version starting with a digit", p -> p.getSpec().setParamKind(new ParamKind("rules.example.com/1beta", "ReplicaLimit")),
                        "spec.paramKind.apiVersion: Invalid value: \"1beta\": " + DNS1035_LABEL),
                refused("a param kind without kind", p -> p.getSpec().setParamKind(new ParamKind("v1", "")),
                        "spec.paramKind.kind: Required value"),
                refused("a param kind kind with an underscore", p -> p.getSpec().setParamKind(new ParamKind("v1", "Replica_Limit")),
                        "spec.paramKind.kind: Invalid value: \"Replica_Limit\": may have mixed case, but should otherwise match: "
                                + DNS1035_LABEL),

                refused("a match condition without expression", p -> p.getSpec().setMatchConditions(List.of(new MatchCondition(null, "a"))),
                        "spec.matchConditions[0].expression: Required value"),
                refused("a match condition expression of white space", p -> p.getSpec().setMatchConditions(
                        List.of(new MatchCondition(" \n\t", "a"))),
                        "spec.matchConditions[0].expression: Required value"),
                refused("a match condition without name", p -> p.getSpec().setMatchConditions(List.of(new MatchCondition("true", ""))),
                        "spec.matchConditions[0].name: Required value"),
                refused("a match condition name with a space", p -> p.getSpec().setMatchConditions(
                        List.of(new MatchCondition("true", "exclude leases"))),
                        "spec.matchConditions[0].name: Invalid value: \"exclude leases\": " + QUALIFIED_NAME_PART),
                refused("two match conditions of one name", p -> p.getSpec().setMatchConditions(
                        List.of(new MatchCondition("true", "always"), new MatchCondition("1 == 1", "always"))),
                        "spec.matchConditions[1].name: Duplicate value: \"always\""),

                refused("a variable named with a dash", p -> p.getSpec().setVariables(List.of(new Variable("1", "max-replicas"))),
                        "spec.variables[0].name: Invalid value: \"max-replicas\": name is not a valid CEL identifier"),
                refused("a variable named by a CEL reserved word", p -> p.getSpec().setVariables(List.of(new Variable("1", "namespace"))),
                        "spec.variables[0].name: Invalid value: \"namespace\": name is not a valid CEL identifier"),
                refused("a variable named by white space", p -> p.getSpec().setVariables(List.of(new Variable("1", "  "))),
                        "spec.variables[0].name: Required value: name is not specified"),
                refused("a variable without expression", p -> p.getSpec().setVariables(List.of(new Variable(null, "replicas"))),
                        "spec.variables[0].expression: Required value: expression is not specified"),

                refused("a validation without expression", p -> p.getSpec().getValidations().get(0).setExpression(""),
                        "spec.validations[0].expression: Required value: expression is not specified"),
                refused("a message expression of white space", p -> p.getSpec().getValidations().get(0).setMessageExpression("  "),
                        "spec.validations[0].messageExpression: Invalid value: \"  \": must be non-empty if specified"),
                refused("a message of white space", p -> p.getSpec().getValidations().get(0).setMessage(" "),
                        "spec.validations[0].message: Invalid value: \" \": message must be non-empty if specified"),
                refused("a message of two lines", p -> p.getSpec().getValidations().get(0).setMessage("too many\nreplicas"),
                        "spec.validations[0].message: Invalid value: \"too many\\nreplicas\": message must not contain line breaks"),
                refused("a message split by a carriage return", p -> p.getSpec().getValidations().get(0).setMessage("too many\rreplicas"),
                        "spec.validations[0].message: Invalid value: \"too many\\rreplicas\": message must not contain line breaks"),
                refused("reason Unauthorized, which kube does not answer with", p -> p.getSpec().getValidations().get(0).setReason("Unauthorized"),
                        "spec.validations[0].reason: Unsupported value: \"Unauthorized\": supported values: \"Forbidden\", \"Invalid\", "
                                + "\"RequestEntityTooLarge\""),

                refused("an audit annotation key with a space", p -> p.getSpec().setAuditAnnotations(
                        List.of(new AuditAnnotation("high replicas", "'x'"))),
                        "spec.auditAnnotations[0].key: Invalid value: \"demo-policy.example.com/high replicas\": " + QUALIFIED_NAME_PART),
                refused("an audit annotation without key", p -> p.getSpec().setAuditAnnotations(List.of(new AuditAnnotation("", "'x'"))),
                        "spec.auditAnnotations[0].key: Invalid value: \"demo-policy.example.com/\": name part must be non-empty",
                        "spec.auditAnnotations[0].key: Invalid value: \"demo-policy.example.com/\": " + QUALIFIED_NAME_PART),
                refused("an audit annotation without value expression", p -> p.getSpec().setAuditAnnotations(
                        List.of(new AuditAnnotation("replicas", " "))),
                        "spec.auditAnnotations[0].valueExpression: Required value: valueExpression is not specified"),
                refused("a value expression past 5 KiB", p -> p.getSpec().setAuditAnnotations(
                        List.of(new AuditAnnotation("replicas", "'" + "x".repeat(5 * 1024) + "'"))),
                        "spec.auditAnnotations[0].valueExpression: Required value: must not exceed 5120 bytes in length"),
                refused("two audit annotations of one key", p -> p.getSpec().setAuditAnnotations(
                        List.of(new AuditAnnotation("replicas", "'a'"), new AuditAnnotation("replicas", "'b'"))),
                        "spec.auditAnnotations[1].key: Duplicate value: \"replicas\""),
                refused("an audit annotation of a policy with only a generated name", p -> {
                    p.getMetadata().setName(null);
                    p.getMetadata().setGenerateName("demo-");
                    p.getSpec().setAuditAnnotations(List.of(new AuditAnnotation("replicas", "'a'")));
                }, "spec.auditAnnotations[0].key: Invalid value: \"replicas\": requires metadata.name be non-empty"),

                refused("a namespace on a cluster-scoped kind", p -> p.getMetadata().setNamespace("default"),
                        "metadata.namespace: Forbidden: not allowed on this type"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusals")
    void refuses(String name, Consumer<ValidatingAdmissionPolicy> change, List<String> messages) {
        assertThat(errors(changed(change))).containsExactlyElementsOf(messages);
    }

    @Test
    void aMessageWithBreaksOnlyAroundItIsOneLine() {
        ValidatingAdmissionPolicy policy = changed(p -> p.getSpec().getValidations().get(0).setMessage("\ntoo many replicas\n"));

        assertThat(errors(policy)).isEmpty();
    }

    @Test
    void atMost64MatchConditions() {
        List<MatchCondition> conditions = IntStream.range(0, 65).mapToObj(i -> new MatchCondition("true", "c" + i)).toList();

        assertThat(errors(changed(p -> p.getSpec().setMatchConditions(conditions))))
                .containsExactly("spec.matchConditions: Too many: 65: must have at most 64 items");
        assertThat(errors(changed(p -> p.getSpec().setMatchConditions(conditions.subList(0, 64))))).isEmpty();
    }

    @Test
    void atMost20AuditAnnotationsReportedWithTheWholeList() {
        List<AuditAnnotation> annotations = IntStream.range(0, 21).mapToObj(i -> new AuditAnnotation("k" + i, "'v'")).toList();

        List<String> errors = errors(changed(p -> p.getSpec().setAuditAnnotations(annotations)));

        assertThat(errors).hasSize(1);
        assertThat(errors.get(0))
                .startsWith("spec.auditAnnotations: Invalid value: []admissionregistration.AuditAnnotation{"
                        + "admissionregistration.AuditAnnotation{Key:\"k0\", ValueExpression:\"'v'\"}, ")
                .endsWith("admissionregistration.AuditAnnotation{Key:\"k20\", ValueExpression:\"'v'\"}}: "
                        + "must not have more than 20 auditAnnotations");
    }

    @Test
    void errorsComeInKubesOrder() {
        ValidatingAdmissionPolicy policy = changed(p -> {
            p.getSpec().setFailurePolicy("Retry");
            p.getSpec().setParamKind(new ParamKind("v1", ""));
            p.getSpec().getMatchConstraints().setMatchPolicy("Fuzzy");
            p.getSpec().setMatchConditions(List.of(new MatchCondition("", "a")));
            p.getSpec().setVariables(List.of(new Variable("1", "a-b")));
            p.getSpec().getValidations().get(0).setReason("Teapot");
            p.getSpec().setAuditAnnotations(List.of(new AuditAnnotation("k", "")));
        });

        assertThat(errors(policy)).extracting(m -> m.substring(0, m.indexOf(':'))).containsExactly(
                "spec.failurePolicy",
                "spec.paramKind.kind",
                "spec.matchConstraints.matchPolicy",
                "spec.matchConditions[0].expression",
                "spec.variables[0].name",
                "spec.validations[0].reason",
                "spec.auditAnnotations[0].valueExpression");
    }

    @Test
    void anUpdateIsHeldToTheSameRulesAsACreate() {
        ValidatingAdmissionPolicy policy = changed(p -> p.getSpec().setFailurePolicy("Retry"));

        assertThat(Fixtures.messages(validator.validate(policy, false)))
                .containsExactly("spec.failurePolicy: Unsupported value: \"Retry\": supported values: \"Fail\", \"Ignore\"");
    }
}
