package io.kubelite.machinery.defaulting;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Defaults that only materialise on Pod objects, never on templates: requests copied from limits,
 * {@code enableServiceLinks}, host-network ports, and what the default admission plugins add
 * (the 300 s not-ready/unreachable tolerations, priority 0).
 */
final class PodDefaults {

    static final long DEFAULT_TOLERATION_SECONDS = 300;
    static final String NOT_READY = "node.kubernetes.io/not-ready";
    static final String UNREACHABLE = "node.kubernetes.io/unreachable";

    private PodDefaults() {
    }

    static void apply(Pod pod) {
        apply(pod, true);
    }

    /** {@code admissionPlugins}: also what kube-apiserver's default admission plugins add after defaulting. */
    static void apply(Pod pod, boolean admissionPlugins) {
        if (pod.getSpec() == null) {
            pod.setSpec(new PodSpec());
        }
        PodSpec spec = pod.getSpec();
        PodSpecDefaults.apply(spec);
        for (Container c : ContainerDefaults.orEmpty(spec.getContainers())) {
            requestsFromLimits(c);
        }
        for (Container c : ContainerDefaults.orEmpty(spec.getInitContainers())) {
            requestsFromLimits(c);
        }
        if (spec.getEnableServiceLinks() == null) {
            spec.setEnableServiceLinks(true);
        }
        if (Boolean.TRUE.equals(spec.getHostNetwork())) {
            hostNetworkPorts(spec.getContainers());
            hostNetworkPorts(spec.getInitContainers());
        }
        if (!admissionPlugins) {
            return;
        }
        tolerations(spec);
        if (ContainerDefaults.isEmpty(spec.getPriorityClassName()) && spec.getPriority() == null) {
            spec.setPriority(0);
        }
        if (ContainerDefaults.isEmpty(spec.getPreemptionPolicy())) {
            spec.setPreemptionPolicy("PreemptLowerPriority");
        }
    }

    /** A resource with a limit but no request gets a request equal to the limit: limits cpu 500m means requests cpu 500m. */
    static void requestsFromLimits(Container c) {
        ResourceRequirements resources = c.getResources();
        if (resources == null || resources.getLimits() == null) {
            return;
        }
        Map<String, Quantity> requests = resources.getRequests() == null ? new LinkedHashMap<>() : resources.getRequests();
        for (Map.Entry<String, Quantity> e : resources.getLimits().entrySet()) {
            requests.computeIfAbsent(e.getKey(), k -> new Quantity(e.getValue().getAmount(), e.getValue().getFormat()));
        }
        resources.setRequests(requests);
    }

    /** Unless the pod already tolerates them, pods tolerate not-ready and unreachable nodes for 300 seconds. */
    private static void tolerations(PodSpec spec) {
        List<Toleration> tolerations = spec.getTolerations() == null ? new ArrayList<>() : new ArrayList<>(spec.getTolerations());
        boolean notReady = false;
        boolean unreachable = false;
        for (Toleration t : tolerations) {
            boolean noExecute = ContainerDefaults.isEmpty(t.getEffect()) || "NoExecute".equals(t.getEffect());
            boolean anyKey = ContainerDefaults.isEmpty(t.getKey());
            notReady |= noExecute && (anyKey || NOT_READY.equals(t.getKey()));
            unreachable |= noExecute && (anyKey || UNREACHABLE.equals(t.getKey()));
        }
        if (!notReady) {
            tolerations.add(new Toleration("NoExecute", NOT_READY, "Exists", DEFAULT_TOLERATION_SECONDS, null));
        }
        if (!unreachable) {
            tolerations.add(new Toleration("NoExecute", UNREACHABLE, "Exists", DEFAULT_TOLERATION_SECONDS, null));
        }
        spec.setTolerations(tolerations);
    }

    private static void hostNetworkPorts(List<Container> containers) {
        for (Container c : ContainerDefaults.orEmpty(containers)) {
            for (ContainerPort p : ContainerDefaults.orEmpty(c.getPorts())) {
                if (p.getHostPort() == null || p.getHostPort() == 0) {
                    p.setHostPort(p.getContainerPort());
                }
            }
        }
    }
}
