package io.kubelite.nodeagent.pod;

import io.kubelite.nodeagent.runtime.RuntimeContainer;

/**
 * What the pod worker knows about one container of the spec.
 *
 * @param current        the newest attempt in the runtime, or null if none was created yet
 * @param previous       the attempt before it (kubectl's lastState, logs --previous), or null
 * @param waitingReason  why the container is not running (ContainerCreating, ErrImagePull,
 *                       ImagePullBackOff, CrashLoopBackOff, CreateContainerConfigError), or null
 */
public record ContainerObservation(
        String name,
        String image,
        RuntimeContainer current,
        RuntimeContainer previous,
        int restartCount,
        String waitingReason,
        String waitingMessage,
        boolean ready,
        boolean started) {
}
