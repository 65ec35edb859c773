package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;

/** The writes a pod worker makes to the API. */
public interface PodApi {

    /** Replaces the pod's status through the status subresource; returns the pod's new resourceVersion ("" if unknown). */
    String writeStatus(Pod pod, PodStatus status);

    /** Removes a pod whose containers are gone: DELETE with gracePeriodSeconds=0 and a uid precondition. */
    void deleteNow(Pod pod);
}
