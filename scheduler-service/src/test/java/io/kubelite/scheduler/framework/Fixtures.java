package io.kubelite.scheduler.framework;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/** Builders for the nodes and pods the scheduler's table tests use. */
public final class Fixtures {

    private Fixtures() {
    }

    /** A Ready node with {@code cpu} / {@code memory} allocatable and room for 110 pods. */
    public static Node node(String name, String cpu, String memory) {
        return node(name, cpu, memory, b -> b);
    }

    public static Node node(String name, String cpu, String memory, UnaryOperator<NodeBuilder> customize) {
        Map<String, Quantity> allocatable = new LinkedHashMap<>();
        allocatable.put("cpu", new Quantity(cpu));
        allocatable.put("memory", new Quantity(memory));
        allocatable.put("pods", new Quantity("110"));
        NodeBuilder builder = new NodeBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withAllocatable(allocatable).withCapacity(allocatable)
                .withConditions(ready("True")).endStatus();
        return customize.apply(builder).build();
    }

    public static NodeCondition ready(String status) {
        return new NodeConditionBuilder().withType("Ready").withStatus(status).build();
    }

    public static Taint taint(String key, String value, String effect) {
        return new io.fabric8.kubernetes.api.model.TaintBuilder().withKey(key).withValue(value).withEffect(effect).build();
    }

    public static Toleration toleration(String key, String operator, String value, String effect) {
        return new Toleration(effect, key, operator, null, value);
    }

    /** A pod in namespace {@code default} with one container requesting {@code cpu} / {@code memory} (null: none). */
    public static Pod pod(String name, String cpu, String memory) {
        return pod(name, cpu, memory, b -> b);
    }

    public static Pod pod(String name, String cpu, String memory, UnaryOperator<PodBuilder> customize) {
        Map<String, Quantity> requests = new LinkedHashMap<>();
        if (cpu != null) {
            requests.put("cpu", new Quantity(cpu));
        }
        if (memory != null) {
            requests.put("memory", new Quantity(memory));
        }
        PodBuilder builder = new PodBuilder().withNewMetadata().withName(name).withNamespace("default")
                .withUid("uid-" + name).endMetadata()
                .withNewSpec().withContainers(new ContainerBuilder().withName("app").withImage("busybox")
                        .withNewResources().withRequests(requests).endResources().build()).endSpec();
        return customize.apply(builder).build();
    }

    public static PodBuilder hostPort(PodBuilder b, int port) {
        List<io.fabric8.kubernetes.api.model.Container> containers = new ArrayList<>(b.buildSpec().getContainers());
        containers.set(0, new ContainerBuilder(containers.get(0))
                .withPorts(new ContainerPortBuilder().withContainerPort(port).withHostPort(port).build()).build());
        return b.editSpec().withContainers(containers).endSpec();
    }

    public static PodBuilder ownedBy(PodBuilder b, String controllerUid) {
        return b.editMetadata().withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1")
                .withKind("ReplicaSet").withName("rs").withUid(controllerUid).withController(true).build()).endMetadata();
    }

    public static PodBuilder boundTo(PodBuilder b, String nodeName) {
        return b.editSpec().withNodeName(nodeName).endSpec();
    }

    /** Adds two preferred node-affinity terms {@code k In [v]} with their weights. */
    public static Pod preferring(Pod pod, int w1, String k1, String v1, int w2, String k2, String v2) {
        return new PodBuilder(pod).editSpec().withNewAffinity().withNewNodeAffinity()
                .withPreferredDuringSchedulingIgnoredDuringExecution(term(w1, k1, v1), term(w2, k2, v2))
                .endNodeAffinity().endAffinity().endSpec().build();
    }

    private static io.fabric8.kubernetes.api.model.PreferredSchedulingTerm term(int weight, String key, String value) {
        return new io.fabric8.kubernetes.api.model.PreferredSchedulingTerm(new io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder()
                .withMatchExpressions(new io.fabric8.kubernetes.api.model.NodeSelectorRequirement(key, "In", List.of(value))).build(), weight);
    }
}
