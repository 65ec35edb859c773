package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Pod;

/** Events about a pod, as the kubelet records them (Pulled, Created, Started, Killing, BackOff …). */
public interface PodEvents {

    void normal(Pod pod, String fieldPath, String reason, String message);

    void warning(Pod pod, String fieldPath, String reason, String message);

    /** Writes what the calling thread holds back, before it waits on something slow; most write at once. */
    default void flush() {
    }

    PodEvents NONE = new PodEvents() {
        @Override
        public void normal(Pod pod, String fieldPath, String reason, String message) {
        }

        @Override
        public void warning(Pod pod, String fieldPath, String reason, String message) {
        }
    };
}
