package io.kubelite.machinery.podsecurity;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.params.provider.Arguments;

/** Pods that pass a level, for tables that change one thing and name the violation it causes. */
final class PodFixtures {

    static final LevelVersion BASELINE = LevelVersion.latest(Level.BASELINE);
    static final LevelVersion RESTRICTED = LevelVersion.latest(Level.RESTRICTED);

    private PodFixtures() {
    }

    /** Passes baseline (and nothing more): one container "app", no security settings. */
    static PodBuilder baselinePod() {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("dev").endMetadata()
                .withNewSpec().addToContainers(container("app")).endSpec();
    }

    /** Passes restricted: runAsNonRoot and RuntimeDefault seccomp on the pod, one hardened container "app". */
    static PodBuilder restrictedPod() {
        return new PodBuilder().withNewMetadata().withName("web").withNamespace("dev").endMetadata()
                .withNewSpec()
                .withNewSecurityContext().withRunAsNonRoot(true)
                .withNewSeccompProfile().withType("RuntimeDefault").endSeccompProfile().endSecurityContext()
                .addToContainers(hardened("app"))
                .endSpec();
    }

    static Container container(String name) {
        return new ContainerBuilder().withName(name).withImage("nginx").build();
    }

    /** A container restricted accepts when the pod sets runAsNonRoot and seccomp: no escalation, drops ALL. */
    static Container hardened(String name) {
        return new ContainerBuilder(container(name)).withSecurityContext(hardenedContext()).build();
    }

    static SecurityContext hardenedContext() {
        return new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities().build();
    }

    /** A hardened container with one more change to its security context. */
    static Container hardened(String name, UnaryOperator<SecurityContextBuilder> change) {
        return new ContainerBuilder(container(name))
                .withSecurityContext(change.apply(new SecurityContextBuilder(hardenedContext())).build()).build();
    }

    static List<Violation> check(LevelVersion lv, Pod pod) {
        return PodSecurity.check(lv, pod.getMetadata(), pod.getSpec());
    }

    static Violation v(String reason, String detail) {
        return new Violation(reason, detail);
    }

    /** A table row: a name, a change to the fixture pod, and the violations it must produce. */
    static Arguments named(String name, UnaryOperator<PodBuilder> change, Violation... expected) {
        return Arguments.of(name, change, List.of(expected));
    }
}
