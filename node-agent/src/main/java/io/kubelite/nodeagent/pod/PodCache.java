package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.kubelite.controller.ObjectKey;
import java.util.List;
import java.util.Optional;

/** The pods bound to this node, as the agent's informer last saw them. */
public interface PodCache {

    Optional<Pod> get(ObjectKey key);

    List<Pod> list();

    /** True once the first list has arrived: before that, no container may be judged an orphan. */
    boolean synced();
}
