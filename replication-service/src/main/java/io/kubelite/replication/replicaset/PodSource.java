package io.kubelite.replication.replicaset;

import io.fabric8.kubernetes.api.model.Pod;

import java.util.List;

/** Pods as the controller's cache knows them. */
@FunctionalInterface
public interface PodSource {

    List<Pod> inNamespace(String namespace);
}
