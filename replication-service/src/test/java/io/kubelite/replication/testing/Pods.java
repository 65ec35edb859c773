package io.kubelite.replication.testing;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;

import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Pods for tests, written the way a cluster would show them. */
public final class Pods {

    private Pods() {
    }

    public static PodBuilder pod(String name, Map<String, String> labels) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withUid(name + "-" + UUID.nameUUIDFromBytes(name.getBytes())).withLabels(labels)
                .withCreationTimestamp("2026-01-01T10:00:00Z").endMetadata()
                .withNewSpec().endSpec().withNewStatus().withPhase("Pending").endStatus();
    }

    public static Pod withOwner(Pod pod, OwnerReference ref) {
        return new PodBuilder(pod).editMetadata().withOwnerReferences(ref).endMetadata().build();
    }

    public static Pod running(Pod pod, boolean ready, String readySince) {
        return new PodBuilder(pod).editStatus().withPhase("Running")
                .withConditions(new PodConditionBuilder().withType("Ready").withStatus(ready ? "True" : "False")
                        .withLastTransitionTime(readySince).build()).endStatus().build();
    }

    public static Pod onNode(Pod pod, String node) {
        return new PodBuilder(pod).editSpec().withNodeName(node).endSpec().build();
    }

    public static Pod created(Pod pod, String at) {
        return new PodBuilder(pod).editMetadata().withCreationTimestamp(at).endMetadata().build();
    }

    public static Pod restarts(Pod pod, int count) {
        return new PodBuilder(pod).editStatus().withContainerStatuses(List.of(
                new ContainerStatusBuilder().withName("c").withRestartCount(count).build())).endStatus().build();
    }

    public static Pod phase(Pod pod, String phase) {
        return new PodBuilder(pod).editStatus().withPhase(phase).endStatus().build();
    }
}
