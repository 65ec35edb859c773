package io.kubelite.objectstore.admission;

import io.kubelite.objectstore.storage.Change;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StoredObject;
import io.kubelite.objectstore.watch.WatchCache;
import org.springframework.stereotype.Component;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Namespaces, LimitRanges, ResourceQuotas, ServiceAccounts, the RBAC objects and the
 * PriorityClasses, StorageClasses and RuntimeClasses that new objects name, in memory for admission
 * and authorization, as kube-apiserver's admission plugins read them from informers: kept current
 * from the {@link WatchCache}, so a pod create costs no query for them (three before).
 *
 * <p>Read-your-writes: the snapshot is used only when it holds every write of these kinds that
 * this server has committed ({@link ObjectStore#lastCommitted}); until the watch cache has read
 * such a write (a few milliseconds), callers read the store as before. A LimitRange created a
 * moment ago therefore always applies to the next pod. Writes through another API server replica
 * are seen once this one's watch cache reads them, as with Kubernetes' informers.
 */
@Component
public class AdmissionObjects {

    /** The storage keys of the RBAC objects (resource and group, as every non-core resource is stored). */
    public static final String ROLES = "roles.rbac.authorization.k8s.io";
    public static final String ROLE_BINDINGS = "rolebindings.rbac.authorization.k8s.io";
    public static final String CLUSTER_ROLES = "clusterroles.rbac.authorization.k8s.io";
    public static final String CLUSTER_ROLE_BINDINGS = "clusterrolebindings.rbac.authorization.k8s.io";
    public static final String PRIORITY_CLASSES = "priorityclasses.scheduling.k8s.io";
    public static final String STORAGE_CLASSES = "storageclasses.storage.k8s.io";
    public static final String RUNTIME_CLASSES = "runtimeclasses.node.k8s.io";
    static final List<String> RESOURCES = List.of("namespaces", "limitranges", "resourcequotas", "serviceaccounts",
            ROLES, ROLE_BINDINGS, CLUSTER_ROLES, CLUSTER_ROLE_BINDINGS, PRIORITY_CLASSES, STORAGE_CLASSES, RUNTIME_CLASSES);
    /** More changes than a watch cache window holds. */
    private static final int UNLIMITED = 1 << 24;

    private final ObjectStore store;
    private final WatchCache cache;
    /** resource → namespace ("" for namespaces themselves) → name → object. Guarded by this. */
    private final Map<String, Map<String, Map<String, StoredObject>>> objects = new HashMap<>();
    /** Every change up to this resourceVersion is applied; -1 before the first load. Guarded by this. */
    private long appliedThrough = -1;

    public AdmissionObjects(ObjectStore store, WatchCache cache) {
        this.store = store;
        this.cache = cache;
    }

    /** The namespace, or empty when the snapshot does not know it (callers then read the store). */
    public synchronized Optional<StoredObject> namespace(String name) {
        if (!fresh()) {
            return Optional.empty();
        }
        return Optional.ofNullable(in("namespaces", "").get(name));
    }

    /** The namespaces being deleted (with a deletionTimestamp), from the snapshot or, when it is behind, the store. */
    public List<StoredObject> terminatingNamespaces() {
        List<StoredObject> all;
        synchronized (this) {
            all = fresh() ? List.copyOf(in("namespaces", "").values()) : null;
        }
        if (all == null) {
            all = store.all("namespaces");
        }
        return all.stream().filter(n -> n.body().path("metadata").hasNonNull("deletionTimestamp")).toList();
    }

    /** The objects of {@code resource} (one of {@link #RESOURCES}) in a namespace; empty when the snapshot is behind. */
    public synchronized Optional<List<StoredObject>> items(String resource, String namespace) {
        if (!fresh()) {
            return Optional.empty();
        }
        return Optional.of(List.copyOf(in(resource, namespace).values()));
    }

    /** The objects of {@code resource} in a namespace, from the snapshot when it is current, else from the store. */
    public List<StoredObject> itemsOrStored(String resource, String namespace) {
        return items(resource, namespace).orElseGet(() -> store.items(resource, namespace));
    }

    private Map<String, StoredObject> in(String resource, String namespace) {
        return objects.getOrDefault(resource, Map.of()).getOrDefault(namespace, Map.of());
    }

    /** Brings the snapshot up to the watch cache; true when it holds every write of these kinds committed here. */
    private boolean fresh() {
        long position = cache.position();
        if (position < 0) {
            return false;
        }
        if (appliedThrough < 0 || !applyChangesAfter(appliedThrough)) {
            load(position);
        }
        appliedThrough = Math.max(appliedThrough, position);
        for (String resource : RESOURCES) {
            if (store.lastCommitted(resource) > appliedThrough) {
                return false;
            }
        }
        return true;
    }

    /**
     * False when the watch cache no longer reaches back to {@code after}; what was applied before
     * that is then thrown away by the reload.
     */
    private boolean applyChangesAfter(long after) {
        for (String resource : RESOURCES) {
            List<Change> changes = cache.changesAfter(resource, after, UNLIMITED);
            if (changes == null) {
                return false;
            }
            changes.forEach(this::apply);
        }
        return true;
    }

    /**
     * Applies one change unless the snapshot already holds a newer version of the object (the
     * store is read after the cache position was taken, so replayed changes may be older).
     */
    private void apply(Change change) {
        Map<String, StoredObject> names = objects.computeIfAbsent(change.resource(), r -> new HashMap<>())
                .computeIfAbsent(change.namespace(), n -> new HashMap<>());
        StoredObject held = names.get(change.name());
        if (held != null && held.resourceVersion() >= change.resourceVersion()) {
            return;
        }
        if (change.type().equals("DELETED")) {
            names.remove(change.name());
        } else {
            names.put(change.name(), new StoredObject(0, change.resource(), change.namespace(), change.name(),
                    change.object().path("metadata").path("uid").asString(""), change.resourceVersion(), change.object()));
        }
    }

    private void load(long position) {
        objects.clear();
        for (String resource : RESOURCES) {
            Map<String, Map<String, StoredObject>> byNamespace = new HashMap<>();
            for (StoredObject o : store.all(resource)) {
                byNamespace.computeIfAbsent(o.namespace(), n -> new HashMap<>()).put(o.name(), o);
            }
            objects.put(resource, byNamespace);
        }
        appliedThrough = position;
    }
}
