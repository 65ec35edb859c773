package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceFieldSelector;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The downward API's {@code resourceFieldRef}: a container's requests and limits as the kubelet
 * exposes them, divided by the divisor and rounded up. A limit the container does not set is the
 * node's allocatable amount. Examples: {@code limits.memory} of 64Mi with divisor 1Mi → "64";
 * {@code requests.cpu} of 250m with the default divisor 1 → "1", with divisor 1m → "250"; no
 * {@code limits.cpu} on a 2-CPU node → "2".
 */
public final class ResourceFields {

    private ResourceFields() {
    }

    /** The value for {@code selector} of {@code container}; {@code allocatable} maps cpu and memory to the node's. */
    public static String value(Container container, ResourceFieldSelector selector, Map<String, String> allocatable) {
        String resource = selector.getResource() == null ? "" : selector.getResource();
        int dot = resource.indexOf('.');
        if (dot < 0) {
            throw new ContainerConfigException("unsupported container resource : " + resource);
        }
        String kind = resource.substring(0, dot);
        String name = resource.substring(dot + 1);
        if (!kind.equals("limits") && !kind.equals("requests")) {
            throw new ContainerConfigException("unsupported container resource : " + resource);
        }
        Map<String, Quantity> set = container.getResources() == null ? null
                : kind.equals("limits") ? container.getResources().getLimits() : container.getResources().getRequests();
        Quantity quantity = set == null ? null : set.get(name);
        if (quantity == null && kind.equals("limits") && allocatable.containsKey(name)) {
            quantity = new Quantity(allocatable.get(name));
        }
        BigDecimal amount = quantity == null ? BigDecimal.ZERO : Quantity.getAmountInBytes(quantity);
        Quantity divisor = selector.getDivisor() == null ? new Quantity("1") : selector.getDivisor();
        BigDecimal by = Quantity.getAmountInBytes(divisor);
        if (by.signum() == 0) {
            by = BigDecimal.ONE;
        }
        return amount.divide(by, 0, RoundingMode.CEILING).toPlainString();
    }

    /** The pod's container (or init container) of that name; a config error naming it when there is none. */
    public static Container container(Pod pod, String name) {
        List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        return all.stream().filter(c -> c.getName().equals(name)).findFirst()
                .orElseThrow(() -> new ContainerConfigException("container " + name + " not found"));
    }
}
