package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import io.kubelite.nodeagent.probe.ProbeManager;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kubelet's PLEG: lists this node's containers (every relist interval, and at once on a
 * Docker event) and hands the pod worker the key of every pod whose containers changed state,
 * so status follows a container's exit within about a second. The first relist after start
 * enqueues every pod it finds, which is how a restarted agent adopts its running containers and
 * removes those of pods no longer bound to it.
 */
public final class Relister {

    private static final Logger LOG = LoggerFactory.getLogger(Relister.class);

    private final ContainerRuntime runtime;
    private final Map<String, String> owner;
    private final PodCache pods;
    private final ProbeManager probes;
    private final Consumer<ObjectKey> enqueue;
    private Map<String, String> lastStates;

    public Relister(ContainerRuntime runtime, Map<String, String> owner, PodCache pods, ProbeManager probes,
            Consumer<ObjectKey> enqueue) {
        this.runtime = runtime;
        this.owner = owner;
        this.pods = pods;
        this.probes = probes;
        this.enqueue = enqueue;
    }

    public synchronized void relist() {
        Map<String, String> states = new HashMap<>();
        Map<String, ObjectKey> keys = new HashMap<>();
        Set<String> running = new HashSet<>();
        try {
            for (RuntimeContainer c : runtime.list(owner)) {
                states.put(c.id(), c.state().name());
                keys.put(c.id(), new ObjectKey(c.label(ContainerLabels.POD_NAMESPACE), c.label(ContainerLabels.POD_NAME)));
                if (c.running()) {
                    running.add(c.id());
                }
            }
        } catch (RuntimeException e) {
            LOG.atWarn().log("Relist failed: " + e.getMessage());
            return;
        }
        Set<ObjectKey> changed = new HashSet<>();
        if (lastStates == null) {
            changed.addAll(keys.values());
            for (Pod pod : pods.list()) {
                changed.add(new ObjectKey(pod.getMetadata().getNamespace(), pod.getMetadata().getName()));
            }
        } else {
            for (Map.Entry<String, String> e : states.entrySet()) {
                if (!e.getValue().equals(lastStates.get(e.getKey()))) {
                    changed.add(keys.get(e.getKey()));
                }
            }
        }
        if (!pods.synced()) {
            return;
        }
        lastStates = states;
        probes.retainOnly(running);
        changed.forEach(enqueue);
    }
}
