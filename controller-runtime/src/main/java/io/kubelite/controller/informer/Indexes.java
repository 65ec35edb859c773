package io.kubelite.controller.informer;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Index functions for {@link Informer#addIndex}. Every informer has {@link #NAMESPACE} and
 * {@link #OWNER_UID}; add {@link #NODE_NAME} to a Pod informer and {@link #label} where needed.
 */
public final class Indexes {

    public static final String NAMESPACE = "namespace";
    /** The uid of every owner in {@code metadata.ownerReferences}. */
    public static final String OWNER_UID = "ownerUid";
    /** A pod's {@code spec.nodeName}; unscheduled pods are indexed under {@code ""}. */
    public static final String NODE_NAME = "nodeName";

    private Indexes() {
    }

    static Collection<String> namespace(HasMetadata object) {
        String ns = object.getMetadata().getNamespace();
        return List.of(ns == null ? "" : ns);
    }

    static Collection<String> ownerUids(HasMetadata object) {
        List<OwnerReference> owners = object.getMetadata().getOwnerReferences();
        if (owners == null || owners.isEmpty()) {
            return List.of();
        }
        return owners.stream().map(OwnerReference::getUid).filter(uid -> uid != null).toList();
    }

    public static Collection<String> nodeName(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return List.of(node == null ? "" : node);
    }

    /** Index name for {@link #label}: {@code "label:" + key}. */
    public static String labelIndexName(String key) {
        return "label:" + key;
    }

    /** Indexes objects by the value of one label; objects without it are not indexed. */
    public static <T extends HasMetadata> Function<T, Collection<String>> label(String key) {
        return object -> {
            Map<String, String> labels = object.getMetadata().getLabels();
            String value = labels == null ? null : labels.get(key);
            return value == null ? List.of() : List.of(value);
        };
    }
}
