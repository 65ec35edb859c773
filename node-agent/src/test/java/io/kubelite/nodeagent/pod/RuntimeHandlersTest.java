package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClassBuilder;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The runtime a pod's sandbox is made on, and the kubelet's words when there is none. */
class RuntimeHandlersTest {

    static final Set<String> DOCKER = Set.of("io.containerd.runc.v2", "runc");
    static final Map<String, RuntimeClass> CLASSES = Map.of(
            "runc", runtimeClass("runc", "runc"),
            "kata", runtimeClass("kata", "kata"));

    static RuntimeClass runtimeClass(String name, String handler) {
        return new RuntimeClassBuilder().withNewMetadata().withName(name).endMetadata().withHandler(handler).build();
    }

    static Pod pod(String runtimeClassName) {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("default").endMetadata()
                .withNewSpec().withRuntimeClassName(runtimeClassName).addNewContainer().withName("c").endContainer()
                .endSpec().build();
    }

    static Stream<Arguments> cases() {
        Function<String, Optional<RuntimeClass>> known = name -> Optional.ofNullable(CLASSES.get(name));
        Function<String, Optional<RuntimeClass>> unreachable = name -> {
            throw new IllegalStateException("connection refused");
        };
        return Stream.of(
                Arguments.of("no class runs on the engine's default", pod(null), known,
                        new RuntimeHandlers.Handler(null)),
                Arguments.of("a class's handler the engine has runs the pod", pod("runc"), known,
                        new RuntimeHandlers.Handler("runc")),
                Arguments.of("a class deleted after admission is not found", pod("gone"), known,
                        new RuntimeHandlers.Failure("runtimeclass.node.k8s.io \"gone\" not found")),
                Arguments.of("a handler the engine lacks has no runtime", pod("kata"), known,
                        new RuntimeHandlers.Failure("rpc error: code = Unknown desc = failed to get sandbox runtime: "
                                + "no runtime for \"kata\" is configured")),
                Arguments.of("a lookup that fails says so", pod("runc"), unreachable,
                        new RuntimeHandlers.Failure("failed to lookup RuntimeClass runc: connection refused")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void resolvesAsTheKubeletAndTheCriDo(String name, Pod pod, Function<String, Optional<RuntimeClass>> classes,
            RuntimeHandlers.Resolution expected) {
        assertThat(RuntimeHandlers.resolve(pod, classes, () -> DOCKER)).isEqualTo(expected);
    }

    @Test
    void theEventReadsAsTheKubeletsFailedCreatePodSandBox() {
        var failure = (RuntimeHandlers.Failure) RuntimeHandlers.resolve(pod("kata"),
                name -> Optional.ofNullable(CLASSES.get(name)), () -> DOCKER);

        assertThat(failure.eventMessage()).isEqualTo("Failed to create pod sandbox: rpc error: code = Unknown desc = "
                + "failed to get sandbox runtime: no runtime for \"kata\" is configured");
    }
}
