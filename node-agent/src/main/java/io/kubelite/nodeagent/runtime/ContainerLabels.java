package io.kubelite.nodeagent.runtime;

import java.util.Map;

/**
 * The labels that tie a Docker container to a pod. Several agents (node-1, node-2, and the nodes
 * of other clusters) may share one Docker engine, so every query an agent makes filters on its
 * own {@link #CLUSTER} and {@link #NODE}; a container without both is never touched.
 */
public final class ContainerLabels {

    public static final String CLUSTER = "io.kubelite.cluster";
    public static final String NODE = "io.kubelite.node";
    public static final String POD_UID = "io.kubernetes.pod.uid";
    public static final String POD_NAME = "io.kubernetes.pod.name";
    public static final String POD_NAMESPACE = "io.kubernetes.pod.namespace";
    public static final String CONTAINER_NAME = "io.kubernetes.container.name";
    /** The container's attempt number: the pod's restartCount for this container when it was created. */
    public static final String RESTART_COUNT = "io.kubernetes.container.restartCount";
    /**
     * The runtime handler of the pod's RuntimeClass that runs the container ({@code runc}); absent
     * for the engine's default runtime. The pod's later containers take their pause container's.
     */
    public static final String RUNTIME_HANDLER = "io.kubelite.runtime.handler";
    /** Name of the pause container in {@link #CONTAINER_NAME}, as in Kubernetes' dockershim. */
    public static final String SANDBOX = "POD";

    private ContainerLabels() {
    }

    /** The labels every container of this agent carries, and the filter of every list. */
    public static Map<String, String> owner(String clusterId, String nodeName) {
        return Map.of(CLUSTER, clusterId, NODE, nodeName);
    }
}
