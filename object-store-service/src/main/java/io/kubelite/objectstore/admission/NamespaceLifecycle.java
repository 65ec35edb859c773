package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Component;

import java.util.Optional;
import java.util.Set;

/** Objects go only into namespaces that exist and are not being deleted. */
@Component
public class NamespaceLifecycle {

    /** Namespaces that exist from the start and can never be deleted. */
    public static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");

    private final ObjectStore store;
    private final AdmissionObjects admissionObjects;

    public NamespaceLifecycle(ObjectStore store, AdmissionObjects admissionObjects) {
        this.store = store;
        this.admissionObjects = admissionObjects;
    }

    /** Refuses a create of {@code name} (a {@code type}) into a missing (404) or terminating (403) namespace. */
    public void checkCreateAllowed(String namespace, io.kubelite.objectstore.resource.ResourceType type, String name) {
        // a namespace the in-memory copy does not know yet is looked up, as Kubernetes' plugin does
        Optional<StoredObject> ns = admissionObjects.namespace(namespace).or(() -> store.get("namespaces", "", namespace));
        if (ns.isEmpty()) {
            throw ApiException.notFound("", "namespaces", namespace);
        }
        if (ns.get().body().path("metadata").hasNonNull("deletionTimestamp")) {
            throw ApiException.forbidden(type.group(), type.resource(), name, "unable to create new content in namespace "
                    + namespace + " because it is being terminated");
        }
    }
}
