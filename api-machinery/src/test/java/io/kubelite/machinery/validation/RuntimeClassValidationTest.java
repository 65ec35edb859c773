package io.kubelite.machinery.validation;

import static io.kubelite.machinery.validation.NameRulesTest.LABEL_MSG;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** node.k8s.io/v1 RuntimeClasses: kube-apiserver's rules, in its words. */
class RuntimeClassValidationTest {

    final ObjectValidator validator = new ObjectValidator();

    static RuntimeClassBuilder gvisor() {
        return new RuntimeClassBuilder().withNewMetadata().withName("gvisor").endMetadata().withHandler("runsc")
                .withNewOverhead().withPodFixed(Map.of("cpu", new Quantity("250m"), "memory", new Quantity("120Mi")))
                .endOverhead()
                .withNewScheduling().withNodeSelector(Map.of("runtime", "gvisor"))
                .withTolerations(new Toleration("NoSchedule", "runtime", "Equal", null, "gvisor")).endScheduling();
    }

    @Test
    void aHandlerWithOverheadAndSchedulingIsValid() {
        assertThat(Fixtures.messages(validator.validateCreate(gvisor().build(), false))).isEmpty();
        RuntimeClass bare = new RuntimeClassBuilder().withNewMetadata().withName("runc").endMetadata().withHandler("runc")
                .build();
        assertThat(Fixtures.messages(validator.validateCreate(bare, false))).isEmpty();
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                Arguments.of("a handler is required", (UnaryOperator<RuntimeClassBuilder>) b -> b.withHandler(null),
                        List.of("handler: Invalid value: \"\": " + LABEL_MSG)),
                Arguments.of("a handler is a DNS-1123 label", (UnaryOperator<RuntimeClassBuilder>) b -> b.withHandler("Run_SC"),
                        List.of("handler: Invalid value: \"Run_SC\": " + LABEL_MSG)),
                Arguments.of("a handler has no dots", (UnaryOperator<RuntimeClassBuilder>) b -> b.withHandler("kata.v2"),
                        List.of("handler: Invalid value: \"kata.v2\": must not contain dots")),
                Arguments.of("an overhead is not negative", (UnaryOperator<RuntimeClassBuilder>) b -> b.editOverhead()
                                .withPodFixed(Map.of("cpu", new Quantity("-1"))).endOverhead(),
                        List.of("overhead.limits[cpu]: Invalid value: \"-1\": must be greater than or equal to 0")),
                Arguments.of("an overhead names a container resource", (UnaryOperator<RuntimeClassBuilder>) b -> b.editOverhead()
                                .withPodFixed(Map.of("pods", new Quantity("1"))).endOverhead(),
                        List.of("overhead.limits[pods]: Invalid value: \"pods\": must be a standard resource for containers")),
                Arguments.of("a node selector is a label set", (UnaryOperator<RuntimeClassBuilder>) b -> b.editScheduling()
                                .withNodeSelector(Map.of("runtime", "-gvisor")).endScheduling(),
                        List.of("scheduling.nodeSelector: Invalid value: \"-gvisor\": " + NameRulesTest.LABEL_VALUE_MSG)),
                Arguments.of("a toleration without key uses Exists", (UnaryOperator<RuntimeClassBuilder>) b -> b.editScheduling()
                                .withTolerations(new Toleration("NoSchedule", null, "Equal", null, "x")).endScheduling(),
                        List.of("scheduling.tolerations[0].operator: Invalid value: \"Equal\": operator must be Exists when "
                                + "`key` is empty, which means \"match all values and all keys\"")),
                Arguments.of("a name is a subdomain", (UnaryOperator<RuntimeClassBuilder>) b -> b.editMetadata()
                                .withName("G-Visor").endMetadata(),
                        List.of("metadata.name: Invalid value: \"G-Visor\": " + NameRulesTest.SUBDOMAIN_MSG)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void refusesWithKubesMessages(String name, UnaryOperator<RuntimeClassBuilder> breakIt, List<String> expected) {
        RuntimeClass broken = breakIt.apply(gvisor()).build();
        assertThat(Fixtures.messages(validator.validateCreate(broken, false))).containsExactlyElementsOf(expected);
    }

    @Test
    void aPodsRuntimeClassNameIsASubdomainAndItsOverheadAContainerLimit() {
        var pod = Fixtures.pod();
        pod.getSpec().setRuntimeClassName("Kata_Containers");
        pod.getSpec().setOverhead(Map.of("memory", new Quantity("-1Mi")));

        assertThat(Fixtures.messages(validator.validate(pod, true))).containsExactlyInAnyOrder(
                "spec.runtimeClassName: Invalid value: \"Kata_Containers\": " + NameRulesTest.SUBDOMAIN_MSG,
                "spec.overhead.limits[memory]: Invalid value: \"-1Mi\": must be greater than or equal to 0");

        pod.getSpec().setRuntimeClassName("kata.v2");
        pod.getSpec().setOverhead(Map.of("memory", new Quantity("64Mi")));
        assertThat(Fixtures.messages(validator.validate(pod, true))).isEmpty();
    }
}
