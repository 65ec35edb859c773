package io.kubelite.machinery.podsecurity;

import static io.kubelite.machinery.podsecurity.NamespacePolicy.AUDIT_LABEL;
import static io.kubelite.machinery.podsecurity.NamespacePolicy.AUDIT_VERSION_LABEL;
import static io.kubelite.machinery.podsecurity.NamespacePolicy.ENFORCE_LABEL;
import static io.kubelite.machinery.podsecurity.NamespacePolicy.ENFORCE_VERSION_LABEL;
import static io.kubelite.machinery.podsecurity.NamespacePolicy.WARN_LABEL;
import static io.kubelite.machinery.podsecurity.NamespacePolicy.WARN_VERSION_LABEL;
import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.machinery.validation.FieldError;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Resolving a namespace's pod-security.kubernetes.io labels into enforce, audit and warn policies. */
class NamespacePolicyTest {

    private static final String LEVEL_ERROR = "must be one of privileged, baseline, restricted";
    private static final String VERSION_ERROR = "must be \"latest\" or \"v1.x\"";

    static Stream<Arguments> policies() {
        return Stream.of(
                Arguments.of("no labels", Map.of(), "privileged:latest", "privileged:latest", "privileged:latest", List.of()),
                Arguments.of("unrelated labels", Map.of("team", "a"),
                        "privileged:latest", "privileged:latest", "privileged:latest", List.of()),
                Arguments.of("enforce only", Map.of(ENFORCE_LABEL, "baseline"),
                        "baseline:latest", "privileged:latest", "privileged:latest", List.of()),
                Arguments.of("every mode pinned", Map.of(ENFORCE_LABEL, "baseline", ENFORCE_VERSION_LABEL, "v1.25",
                                AUDIT_LABEL, "restricted", AUDIT_VERSION_LABEL, "latest", WARN_LABEL, "restricted",
                                WARN_VERSION_LABEL, "v1.32"),
                        "baseline:v1.25", "restricted:latest", "restricted:v1.32", List.of()),
                Arguments.of("a version without a level pins privileged", Map.of(WARN_VERSION_LABEL, "v1.29"),
                        "privileged:latest", "privileged:latest", "privileged:v1.29", List.of()),
                Arguments.of("an invalid enforce level fails closed", Map.of(ENFORCE_LABEL, "strict", ENFORCE_VERSION_LABEL, "v1.30"),
                        "restricted:v1.30", "privileged:latest", "privileged:latest",
                        List.of("metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\": " + LEVEL_ERROR)),
                Arguments.of("invalid audit and warn levels fail open", Map.of(AUDIT_LABEL, "Restricted", WARN_LABEL, "",
                                WARN_VERSION_LABEL, "v1.25"),
                        "privileged:latest", "privileged:latest", "privileged:v1.25",
                        List.of("metadata.labels[pod-security.kubernetes.io/audit]: Invalid value: \"Restricted\": " + LEVEL_ERROR,
                                "metadata.labels[pod-security.kubernetes.io/warn]: Invalid value: \"\": " + LEVEL_ERROR)),
                Arguments.of("an invalid version falls back to latest", Map.of(ENFORCE_LABEL, "baseline", ENFORCE_VERSION_LABEL, "1.25"),
                        "baseline:latest", "privileged:latest", "privileged:latest",
                        List.of("metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: \"1.25\": "
                                + VERSION_ERROR)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource
    void policies(String name, Map<String, String> labels, String enforce, String audit, String warn, List<String> errors) {
        NamespacePolicy policy = NamespacePolicy.fromLabels(labels);
        assertThat(policy.enforce()).hasToString(enforce);
        assertThat(policy.audit()).hasToString(audit);
        assertThat(policy.warn()).hasToString(warn);
        assertThat(policy.errors()).extracting(FieldError::toString).containsExactlyElementsOf(errors);
        assertThat(policy.valid()).isEqualTo(errors.isEmpty());
    }

    @Test
    void nullLabelsAreNoLabels() {
        assertThat(NamespacePolicy.fromLabels(null)).isEqualTo(NamespacePolicy.fromLabels(Map.of()));
    }

    @Test
    void errorsAreFieldValueInvalidCausesInLabelOrder() {
        NamespacePolicy policy = NamespacePolicy.fromLabels(Map.of(WARN_VERSION_LABEL, "v2", ENFORCE_LABEL, "x",
                AUDIT_VERSION_LABEL, "v1.05"));
        assertThat(policy.errors()).extracting(FieldError::field).containsExactly(
                "metadata.labels[pod-security.kubernetes.io/enforce]",
                "metadata.labels[pod-security.kubernetes.io/audit-version]",
                "metadata.labels[pod-security.kubernetes.io/warn-version]");
        assertThat(policy.errors()).extracting(FieldError::reason).containsOnly("FieldValueInvalid");
    }

    @Test
    void oneInvalidLabelIsTheWholeMessage() {
        assertThat(NamespacePolicy.fromLabels(Map.of(ENFORCE_LABEL, "strict")).invalidMessage("dev")).isEqualTo(
                "Namespace \"dev\" is invalid: metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: "
                        + "\"strict\": must be one of privileged, baseline, restricted");
    }

    @Test
    void severalInvalidLabelsAreBracketed() {
        assertThat(NamespacePolicy.fromLabels(Map.of(ENFORCE_LABEL, "strict", ENFORCE_VERSION_LABEL, "v1"))
                .invalidMessage("dev")).isEqualTo("Namespace \"dev\" is invalid: ["
                + "metadata.labels[pod-security.kubernetes.io/enforce]: Invalid value: \"strict\": " + LEVEL_ERROR + ", "
                + "metadata.labels[pod-security.kubernetes.io/enforce-version]: Invalid value: \"v1\": " + VERSION_ERROR + "]");
    }

    @Test
    void anUpdateIsRejectedOnlyForNewErrors() {
        NamespacePolicy valid = NamespacePolicy.fromLabels(Map.of(ENFORCE_LABEL, "baseline"));
        NamespacePolicy strict = NamespacePolicy.fromLabels(Map.of(ENFORCE_LABEL, "strict"));
        Map<String, String> strictPlusTeam = new HashMap<>(Map.of(ENFORCE_LABEL, "strict", "team", "a"));
        NamespacePolicy stricter = NamespacePolicy.fromLabels(Map.of(ENFORCE_LABEL, "stricter"));

        assertThat(strict.rejectsUpdateFrom(valid)).as("valid -> invalid").isTrue();
        assertThat(NamespacePolicy.fromLabels(strictPlusTeam).rejectsUpdateFrom(strict)).as("same error kept").isFalse();
        assertThat(stricter.rejectsUpdateFrom(strict)).as("a different error").isTrue();
        assertThat(valid.rejectsUpdateFrom(strict)).as("invalid -> valid").isFalse();
    }
}
