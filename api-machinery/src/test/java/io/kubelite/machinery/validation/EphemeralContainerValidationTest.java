package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EphemeralContainer;
import io.fabric8.kubernetes.api.model.EphemeralContainerBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code spec.ephemeralContainers} ({@code kubectl debug}), with kube-apiserver's messages. */
class EphemeralContainerValidationTest {

    private final ObjectValidator validator = new ObjectValidator();

    static EphemeralContainerBuilder debugger() {
        return new EphemeralContainerBuilder().withName("debugger-x").withImage("busybox").withStdin(true)
                .withTargetContainerName("app");
    }

    static Pod with(EphemeralContainer... containers) {
        Pod pod = Fixtures.pod();
        pod.getSpec().setEphemeralContainers(List.of(containers));
        return pod;
    }

    @Test
    void aDebuggerOfTheFieldsAContainerMayHaveIsValid() {
        assertThat(validator.validate(with(debugger().withNewResources().endResources().build()), true)).isEmpty();
    }

    @Test
    void whatAPodsServiceReliesOnCannotBeSet() {
        EphemeralContainer e = debugger().addNewPort().withContainerPort(80).endPort()
                .withNewResources().withLimits(Map.of("cpu", new Quantity("1"))).endResources()
                .withNewReadinessProbe().withNewExec().withCommand("true").endExec().endReadinessProbe()
                .withRestartPolicy("Always")
                .addNewVolumeMount().withName("data").withMountPath("/d").withSubPath("x").endVolumeMount().build();
        assertThat(Fixtures.messages(validator.validate(with(e), true))).containsExactlyInAnyOrder(
                "spec.ephemeralContainers[0].ports: Forbidden: cannot be set for an Ephemeral Container",
                "spec.ephemeralContainers[0].resources: Forbidden: cannot be set for an Ephemeral Container",
                "spec.ephemeralContainers[0].readinessProbe: Forbidden: cannot be set for an Ephemeral Container",
                "spec.ephemeralContainers[0].restartPolicy: Forbidden: cannot be set for an Ephemeral Container",
                "spec.ephemeralContainers[0].volumeMounts[0].subPath: Forbidden: cannot be set for an Ephemeral Container");
    }

    @Test
    void itIsNamedApartFromEveryContainerAndTargetsOneOfThePod() {
        assertThat(Fixtures.messages(validator.validate(with(debugger().withName("app").build(),
                debugger().withTargetContainerName("nope").build(), debugger().withImage(null).build()), true)))
                .containsExactlyInAnyOrder(
                        "spec.ephemeralContainers[0].name: Duplicate value: \"app\"",
                        "spec.ephemeralContainers[1].targetContainerName: Not found: \"nope\"",
                        "spec.ephemeralContainers[2].name: Duplicate value: \"debugger-x\"",
                        "spec.ephemeralContainers[2].image: Required value");
    }

    @Test
    void notOnCreateNorInATemplate() {
        assertThat(Fixtures.messages(validator.validateCreate(with(debugger().build()), true)))
                .containsExactly("spec.ephemeralContainers: Forbidden: cannot be set on create");
        Deployment d = Fixtures.deployment();
        PodTemplateSpec template = d.getSpec().getTemplate();
        template.getSpec().setEphemeralContainers(List.of(debugger().withTargetContainerName(null).build()));
        assertThat(Fixtures.messages(validator.validate(d, true)))
                .contains("spec.template.spec.ephemeralContainers: Forbidden: ephemeral containers not allowed in pod template");
    }
}
