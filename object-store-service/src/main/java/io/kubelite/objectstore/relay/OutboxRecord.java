package io.kubelite.objectstore.relay;

/**
 * One change-log row as the relay publishes it. {@code object} is the stored object's JSON text
 * without its {@code metadata.managedFields}, {@code apiVersion} its {@code apiVersion} field (null
 * if it had none).
 */
record OutboxRecord(long resourceVersion, String resource, String namespace, String name, String type,
                    String apiVersion, String object) {

    /** {@code namespace/name}, or just {@code name} for cluster-scoped objects: one key per object keeps its events in order. */
    String key() {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** The Kubernetes WatchEvent, e.g. {@code {"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod",…}}}. */
    String watchEvent() {
        return "{\"type\":\"" + type + "\",\"object\":" + object + "}";
    }
}
