package io.kubelite.objectstore.admission;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** RuntimeClass admission's decisions on a pod spec, with kube-apiserver's refusals. */
class RuntimeClassRulesTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final String SANDBOXED = """
            {"metadata":{"name":"sandboxed"},"handler":"runsc",
             "overhead":{"podFixed":{"cpu":"250m","memory":"120Mi"}},
             "scheduling":{"nodeSelector":{"sandbox":"true"},
                           "tolerations":[{"key":"sandbox","operator":"Exists","effect":"NoSchedule"}]}}""";
    static final String PLAIN = """
            {"metadata":{"name":"runc"},"handler":"runc"}""";

    static JsonNode json(String text) {
        return JSON.readTree(text);
    }

    static Stream<Arguments> admitted() {
        return Stream.of(
                Arguments.of("no class leaves the pod as it is", null,
                        "{\"nodeSelector\":{\"disk\":\"ssd\"}}",
                        "{\"nodeSelector\":{\"disk\":\"ssd\"}}"),
                Arguments.of("a class without overhead or scheduling changes nothing", PLAIN,
                        "{\"containers\":[]}",
                        "{\"containers\":[]}"),
                Arguments.of("the class's overhead, node selector and tolerations are set", SANDBOXED,
                        "{}",
                        """
                        {"overhead":{"cpu":"250m","memory":"120Mi"},"nodeSelector":{"sandbox":"true"},
                         "tolerations":[{"key":"sandbox","operator":"Exists","effect":"NoSchedule"}]}"""),
                Arguments.of("node selectors merge and the pod's own tolerations follow the class's", SANDBOXED,
                        """
                        {"nodeSelector":{"disk":"ssd"},
                         "tolerations":[{"key":"gpu","operator":"Exists","effect":"NoSchedule"}]}""",
                        """
                        {"nodeSelector":{"disk":"ssd","sandbox":"true"},
                         "tolerations":[{"key":"sandbox","operator":"Exists","effect":"NoSchedule"},
                                        {"key":"gpu","operator":"Exists","effect":"NoSchedule"}],
                         "overhead":{"cpu":"250m","memory":"120Mi"}}"""),
                Arguments.of("the class's toleration replaces the pod's of the same key and effect", SANDBOXED,
                        """
                        {"tolerations":[{"key":"sandbox","operator":"Equal","value":"yes","effect":"NoSchedule"},
                                        {"key":"sandbox","operator":"Exists","effect":"NoExecute"}]}""",
                        """
                        {"tolerations":[{"key":"sandbox","operator":"Exists","effect":"NoSchedule"},
                                        {"key":"sandbox","operator":"Exists","effect":"NoExecute"}],
                         "overhead":{"cpu":"250m","memory":"120Mi"},"nodeSelector":{"sandbox":"true"}}"""),
                Arguments.of("the same selector value on both sides is no conflict", SANDBOXED,
                        "{\"nodeSelector\":{\"sandbox\":\"true\"}}",
                        """
                        {"nodeSelector":{"sandbox":"true"},"overhead":{"cpu":"250m","memory":"120Mi"},
                         "tolerations":[{"key":"sandbox","operator":"Exists","effect":"NoSchedule"}]}"""),
                Arguments.of("an overhead equal to the class's in other units is kept as the class says", SANDBOXED,
                        "{\"overhead\":{\"cpu\":\"0.25\",\"memory\":\"125829120\"}}",
                        """
                        {"overhead":{"cpu":"250m","memory":"120Mi"},"nodeSelector":{"sandbox":"true"},
                         "tolerations":[{"key":"sandbox","operator":"Exists","effect":"NoSchedule"}]}"""));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("admitted")
    void admits(String name, String runtimeClass, String spec, String expected) {
        ObjectNode podSpec = (ObjectNode) json(spec);
        JsonNode rc = runtimeClass == null ? null : json(runtimeClass);

        assertThat(RuntimeClassRules.admit(podSpec, rc)).isEmpty();

        assertThat(podSpec).isEqualTo(json(expected));
        assertThat(RuntimeClassRules.validate(podSpec, rc)).as("the admitted pod passes the validating half").isEmpty();
    }

    static Stream<Arguments> refused() {
        return Stream.of(
                Arguments.of("an overhead other than the class's", SANDBOXED,
                        "{\"overhead\":{\"cpu\":\"1\"}}",
                        "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead"),
                Arguments.of("a node selector value the class contradicts", SANDBOXED,
                        "{\"nodeSelector\":{\"sandbox\":\"false\"}}",
                        "conflict: runtimeClass.scheduling.nodeSelector[sandbox] = true; pod.spec.nodeSelector[sandbox] = false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refused")
    void refuses(String name, String runtimeClass, String spec, String refusal) {
        ObjectNode podSpec = (ObjectNode) json(spec);

        assertThat(RuntimeClassRules.admit(podSpec, json(runtimeClass))).contains(refusal);
    }

    @Test
    void anOverheadWithoutAClassThatDefinesOneIsRefusedByTheValidatingHalf() {
        JsonNode spec = json("{\"overhead\":{\"cpu\":\"100m\"}}");
        String refusal = "pod rejected: Pod Overhead set without corresponding RuntimeClass defined Overhead";

        assertThat(RuntimeClassRules.validate(spec, null)).contains(refusal);
        assertThat(RuntimeClassRules.validate(spec, json(PLAIN))).contains(refusal);
        assertThat(RuntimeClassRules.validate(json("{}"), null)).isEqualTo(Optional.empty());
    }

    @Test
    void anOverheadChangedAfterTheMutatingHalfIsRefused() {
        assertThat(RuntimeClassRules.validate(json("{\"overhead\":{\"cpu\":\"300m\",\"memory\":\"120Mi\"}}"), json(SANDBOXED)))
                .contains("pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
        assertThat(RuntimeClassRules.validate(json("{}"), json(SANDBOXED)))
                .contains("pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
    }

    @Test
    void aMissingClassIsNamedInKubesWords() {
        assertThat(RuntimeClassRules.notFound("kata")).isEqualTo("pod rejected: RuntimeClass \"kata\" not found");
    }
}
