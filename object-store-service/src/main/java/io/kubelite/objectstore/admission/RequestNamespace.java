package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import tools.jackson.databind.JsonNode;

import java.util.HashMap;
import java.util.Map;

/**
 * The Namespace a write goes into, read at most once per request and only when an admission step
 * asks for it (a namespaceSelector, {@code namespaceObject} in CEL, Pod Security labels): from the
 * admission snapshot while it holds every namespace write committed here, else from the store.
 */
public final class RequestNamespace {

    private final AdmissionObjects snapshot;
    private final ObjectStore store;
    private final String name;
    private JsonNode object;
    private boolean read;

    /** @param name empty for a cluster-scoped write, which has no namespace */
    public RequestNamespace(AdmissionObjects snapshot, ObjectStore store, String name) {
        this.snapshot = snapshot;
        this.store = store;
        this.name = name;
    }

    /** The Namespace object, or null (a cluster-scoped write, or a namespace that does not exist). */
    public JsonNode object() {
        if (!read) {
            read = true;
            if (!name.isEmpty()) {
                object = snapshot.namespace(name).or(() -> store.get("namespaces", "", name)).map(StoredObject::body)
                        .orElse(null);
            }
        }
        return object;
    }

    /** Its labels; empty when there is no namespace. */
    public Map<String, String> labels() {
        return labels(object());
    }

    /** The {@code metadata.labels} of any object (empty for null). */
    public static Map<String, String> labels(JsonNode object) {
        Map<String, String> labels = new HashMap<>();
        if (object != null) {
            object.path("metadata").path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asString("")));
        }
        return labels;
    }
}
