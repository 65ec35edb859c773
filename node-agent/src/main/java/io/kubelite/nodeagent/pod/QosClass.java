package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The pod's quality-of-service class, by Kubernetes' rules over cpu and memory:
 * <ul>
 *   <li>BestEffort — no container sets any cpu/memory request or limit;</li>
 *   <li>Guaranteed — every container limits both cpu and memory, and its requests (defaulting to
 *       the limits) equal them: limits {cpu 500m, memory 64Mi} with no requests is Guaranteed;</li>
 *   <li>Burstable — anything else: requests {cpu 100m} alone is Burstable.</li>
 * </ul>
 */
public final class QosClass {

    private static final List<String> RESOURCES = List.of("cpu", "memory");

    private QosClass() {
    }

    public static String of(Pod pod) {
        List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            containers.addAll(pod.getSpec().getInitContainers());
        }
        boolean anySet = false;
        boolean guaranteed = true;
        for (Container container : containers) {
            Map<String, Quantity> requests = container.getResources() == null || container.getResources().getRequests() == null
                    ? Map.of() : container.getResources().getRequests();
            Map<String, Quantity> limits = container.getResources() == null || container.getResources().getLimits() == null
                    ? Map.of() : container.getResources().getLimits();
            for (String resource : RESOURCES) {
                Quantity limit = limits.get(resource);
                Quantity request = requests.containsKey(resource) ? requests.get(resource) : limit;
                if (limit != null || request != null) {
                    anySet = true;
                }
                if (limit == null || request == null
                        || ContainerSpecs.amount(limit).compareTo(ContainerSpecs.amount(request)) != 0) {
                    guaranteed = false;
                }
            }
        }
        if (!anySet) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }
}
