package io.kubelite.controller;

import java.util.Objects;

/**
 * The identity of an object a controller reconciles: all a work queue carries and all a
 * reconciler receives. The reconciler reads the current state from its cache by this key,
 * so an event never travels with stale object content.
 *
 * @param namespace the namespace, or {@code ""} for a cluster-scoped object
 * @param name      the object's name
 */
public record ObjectKey(String namespace, String name) {

    public ObjectKey {
        Objects.requireNonNull(namespace, "namespace");
        Objects.requireNonNull(name, "name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("name must not be empty (namespace=\"" + namespace + "\")");
        }
    }

    /** A key for a namespaced object. */
    public static ObjectKey of(String namespace, String name) {
        return new ObjectKey(namespace, name);
    }

    /** A key for a cluster-scoped object such as a Node. */
    public static ObjectKey clusterScoped(String name) {
        return new ObjectKey("", name);
    }

    /**
     * Parses the {@link #toString()} form: {@code "ns/name"} or {@code "name"}.
     */
    public static ObjectKey parse(String key) {
        int slash = key.indexOf('/');
        if (slash < 0) {
            return clusterScoped(key);
        }
        if (key.indexOf('/', slash + 1) >= 0) {
            throw new IllegalArgumentException("key \"" + key + "\" has more than one '/'");
        }
        return new ObjectKey(key.substring(0, slash), key.substring(slash + 1));
    }

    public boolean isClusterScoped() {
        return namespace.isEmpty();
    }

    /** {@code "ns/name"} for namespaced objects, {@code "name"} for cluster-scoped ones. */
    @Override
    public String toString() {
        return namespace.isEmpty() ? name : namespace + "/" + name;
    }
}
