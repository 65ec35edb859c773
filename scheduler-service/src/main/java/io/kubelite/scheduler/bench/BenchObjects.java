package io.kubelite.scheduler.bench;

import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TolerationBuilder;

import java.time.Instant;
import java.util.Map;

/**
 * The simulated nodes and the pods of the scheduler benchmark: nodes of 4 CPU / 16 GiB / 110 pods,
 * Ready, labelled {@code kubelite.io/bench-node}; pods asking 100m / 128 MiB for the benchmark's own
 * scheduler name, tolerating every taint (so the cluster's node lifecycle controller, which sees no
 * heartbeat from these nodes, never evicts them).
 */
final class BenchObjects {

    static final String SCHEDULER_NAME = "bench-scheduler";

    private BenchObjects() {
    }

    static Node node(String name) {
        Map<String, Quantity> capacity = Map.of("cpu", new Quantity("4"), "memory", new Quantity("16Gi"),
                "pods", new Quantity("110"));
        String now = Instant.now().toString();
        return new NodeBuilder().withNewMetadata().withName(name)
                .withLabels(Map.of("kubelite.io/bench-node", "true", "kubernetes.io/hostname", name)).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus().withCapacity(capacity).withAllocatable(capacity)
                .withConditions(new NodeConditionBuilder().withType("Ready").withStatus("True").withReason("KubeletReady")
                        .withLastHeartbeatTime(now).withLastTransitionTime(now).build())
                .endStatus().build();
    }

    static Pod pod(String namespace, String name) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace(namespace)
                .withLabels(Map.of("app", "bench")).endMetadata()
                .withNewSpec().withSchedulerName(SCHEDULER_NAME)
                .withTolerations(new TolerationBuilder().withOperator("Exists").build())
                .withContainers(new ContainerBuilder().withName("app").withImage("kubelite/bench:none")
                        .withNewResources().withRequests(Map.of("cpu", new Quantity("100m"), "memory", new Quantity("128Mi")))
                        .endResources().build())
                .endSpec().build();
    }
}
