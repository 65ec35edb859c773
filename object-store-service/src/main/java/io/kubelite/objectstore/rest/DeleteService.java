package io.kubelite.objectstore.rest;


import io.kubelite.objectstore.admission.NamespaceLifecycle;
import io.kubelite.objectstore.crd.DefinitionCleanup;
import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import io.kubelite.objectstore.storage.Mutation;
import io.kubelite.objectstore.storage.ObjectStore;
import io.kubelite.objectstore.storage.StaleWriteException;
import io.kubelite.objectstore.storage.StoredObject;
import org.springframework.stereotype.Service;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletion as Kubernetes does it: preconditions, finalizers, graceful deletion of pods that run
 * on a node, namespaces that take their contents with them, and Orphan propagation that strips
 * the owner from dependents in the same commit. Background cascades are the garbage
 * collector's job (the owner goes at once); Foreground keeps an owner that has dependents, with
 * a deletionTimestamp and the {@code foregroundDeletion} finalizer, until the garbage collector
 * has deleted them and removed the finalizer.
 */
@Service
public class DeleteService {

    private static final int ATTEMPTS = 8;
    private static final int NAMESPACE_DELETE_BATCH = 500;
    static final String FOREGROUND_FINALIZER = "foregroundDeletion";

    private final ObjectStore store;
    private final ResourceRegistry registry;
    private final ResourceService resources;
    private final ConfiguredAdmission configured;

    public DeleteService(ObjectStore store, ResourceRegistry registry, ResourceService resources, ConfiguredAdmission configured) {
        this.configured = configured;
        this.store = store;
        this.registry = registry;
        this.resources = resources;
    }

    public StoredObject delete(ResourceType type, String namespace, String name, DeleteOptions options) {
        for (int attempt = 1; ; attempt++) {
            StoredObject current = resources.get(type, namespace, name);
            checkPreconditions(type, current, options);
            try {
                return deleteOnce(type, current, options);
            } catch (StaleWriteException e) {
                if (attempt >= ATTEMPTS) {
                    throw ApiException.conflict(type.group(), type.resource(), name,
                            "the object is being modified too often; try again");
                }
            }
        }
    }

    private StoredObject deleteOnce(ResourceType type, StoredObject current, DeleteOptions options) {
        ResourceType storage = registry.storageType(type);
        String resource = storage.storageResource();
        ObjectNode body = store.get(resource, current.namespace(), current.name()).orElseThrow(
                () -> ApiException.notFound(type.group(), type.resource(), current.name())).body();
        configured.validateDelete(storage, type, current.namespace(), current.name(), body, options.dryRun());
        ObjectNode meta = ObjectMetadata.meta(body);
        if (storage.resource().equals("namespaces")) {
            return deleteNamespace(type, current, body, options);
        }
        if (storage.resource().equals("customresourcedefinitions") && storage.group().equals("apiextensions.k8s.io")) {
            // marked for deletion below; DefinitionCleanup removes its objects, then the finalizer
            addFinalizer(meta, DefinitionCleanup.FINALIZER);
        }
        if (isPod(storage) && podDeletesGracefully(body, options)) {
            if (meta.hasNonNull("deletionTimestamp") && options.gracePeriodSeconds() == null) {
                return current;
            }
            long grace = options.gracePeriodSeconds() != null ? options.gracePeriodSeconds()
                    : body.path("spec").path("terminationGracePeriodSeconds").asLong(30);
            meta.put("deletionTimestamp", Instant.now().plusSeconds(grace).truncatedTo(ChronoUnit.SECONDS).toString());
            meta.put("deletionGracePeriodSeconds", grace);
            return update(type, current, resource, body, options);
        }
        if (options.propagation() == DeleteOptions.Propagation.FOREGROUND && !store.findByOwner(current.uid()).isEmpty()) {
            addFinalizer(meta, FOREGROUND_FINALIZER);
        }
        if (!meta.path("finalizers").isEmpty()) {
            if (!meta.hasNonNull("deletionTimestamp")) {
                meta.put("deletionTimestamp", ObjectMetadata.now());
                meta.put("deletionGracePeriodSeconds", 0);
            }
            return update(type, current, resource, body, options);
        }
        List<Mutation> mutations = new ArrayList<>();
        mutations.add(new Mutation.Delete(resource, current.id(), current.resourceVersion(), body));
        if (options.propagation() == DeleteOptions.Propagation.ORPHAN) {
            mutations.addAll(orphanDependents(current.uid()));
        }
        if (options.dryRun()) {
            return current;
        }
        return resources.served(type, store.commit(mutations).get(0));
    }

    private static void addFinalizer(ObjectNode meta, String finalizer) {
        ArrayNode finalizers = meta.has("finalizers") && meta.get("finalizers").isArray()
                ? (ArrayNode) meta.get("finalizers") : meta.putArray("finalizers");
        for (JsonNode f : finalizers) {
            if (finalizer.equals(f.asString(""))) {
                return;
            }
        }
        finalizers.add(finalizer);
    }

    /** Pods bound to a node stop there first; unbound or finished pods, and grace 0, go at once. */
    private static boolean podDeletesGracefully(ObjectNode pod, DeleteOptions options) {
        String phase = pod.path("status").path("phase").asString("");
        boolean bound = !pod.path("spec").path("nodeName").asString("").isEmpty();
        boolean finished = phase.equals("Succeeded") || phase.equals("Failed");
        boolean mirror = pod.path("metadata").path("annotations").has("kubernetes.io/config.mirror");
        long grace = options.gracePeriodSeconds() != null ? options.gracePeriodSeconds()
                : pod.path("spec").path("terminationGracePeriodSeconds").asLong(30);
        return bound && !finished && !mirror && grace > 0;
    }

    private StoredObject update(ResourceType type, StoredObject current, String resource, ObjectNode body,
                                DeleteOptions options) {
        if (options.dryRun()) {
            return current;
        }
        return resources.served(type, store.commit(new Mutation.Update(resource, current.id(),
                current.resourceVersion(), body)));
    }

    private List<Mutation> orphanDependents(String ownerUid) {
        List<Mutation> mutations = new ArrayList<>();
        for (StoredObject dependent : store.findByOwner(ownerUid)) {
            ObjectNode body = dependent.body().deepCopy();
            ObjectNode meta = ObjectMetadata.meta(body);
            ArrayNode kept = meta.arrayNode();
            for (JsonNode ref : meta.path("ownerReferences")) {
                if (!ownerUid.equals(ref.path("uid").asString(""))) {
                    kept.add(ref);
                }
            }
            if (kept.isEmpty()) {
                meta.remove("ownerReferences");
            } else {
                meta.set("ownerReferences", kept);
            }
            mutations.add(new Mutation.Update(dependent.resource(), dependent.id(), dependent.resourceVersion(), body));
        }
        return mutations;
    }

    /**
     * A namespace is marked Terminating (deletionTimestamp, {@code status.phase: Terminating}), then
     * emptied by {@link #finishNamespace}: at once, in this request, and then by
     * {@link NamespaceCleanup} until whatever waits (pods stopping on their nodes, objects with
     * finalizers) is gone. The answer is the namespace as it then is: gone, or still Terminating.
     */
    private StoredObject deleteNamespace(ResourceType type, StoredObject current, ObjectNode body, DeleteOptions options) {
        String name = current.name();
        if (NamespaceLifecycle.IMMORTAL.contains(name)) {
            throw ApiException.forbidden("", "namespaces", name, "this namespace may not be deleted");
        }
        if (options.dryRun()) {
            return current;
        }
        ObjectNode meta = ObjectMetadata.meta(body);
        if (!meta.hasNonNull("deletionTimestamp")) {
            meta.put("deletionTimestamp", ObjectMetadata.now());
            meta.put("deletionGracePeriodSeconds", 0);
            ((ObjectNode) body.withObjectProperty("status")).put("phase", "Terminating");
            current = store.commit(new Mutation.Update(current.resource(), current.id(), current.resourceVersion(), body));
        }
        try {
            return resources.served(type, finishNamespace(current));
        } catch (StaleWriteException raced) {
            // NamespaceCleanup's sweep worked on this namespace at the same time and changed or
            // removed it first. The deletion this request asked for stands either way: answer with
            // the namespace as it now is, or, gone, as this request left it (Terminating), as
            // kube-apiserver does — not the 404 a retry of the whole delete would find.
            return resources.served(type, store.get(current.resource(), "", name).orElse(current));
        }
    }

    /**
     * One round of a terminating namespace's cleanup, as kube's namespace controller does it: every
     * object not yet being deleted is deleted — at once, or, for a pod running on a node or an
     * object with finalizers, marked (deletionTimestamp) to go when its node agent or controller
     * lets it; once nothing is left the {@code kubernetes} finalizer is removed and the namespace
     * goes. Until then its conditions say what remains ({@code NamespaceContentRemaining}: {@code
     * Some resources are remaining: pods. has 1 resource instances}; {@code
     * NamespaceFinalizersRemaining}: {@code Some content in the namespace has finalizers remaining:
     * example.com/keep in 1 resource instances}).
     *
     * @return the namespace after this round: as deleted when it is gone
     */
    StoredObject finishNamespace(StoredObject namespace) {
        String name = namespace.name();
        for (int fruitless = 0; fruitless < ATTEMPTS; ) {
            List<StoredObject> contents = store.findUndeletedInNamespace(name, NAMESPACE_DELETE_BATCH);
            if (contents.isEmpty()) {
                break;
            }
            fruitless = deleteContents(contents) > 0 ? 0 : fruitless + 1;
        }
        java.util.SortedMap<String, Integer> remaining = store.countInNamespace(name);
        java.util.SortedMap<String, Integer> finalizers = remaining.isEmpty() ? new java.util.TreeMap<>()
                : store.finalizersInNamespace(name);
        StoredObject current = store.get("namespaces", "", name).orElse(null);
        if (current == null) {
            return namespace;
        }
        ObjectNode body = current.body().deepCopy();
        if (remaining.isEmpty()) {
            ArrayNode kept = body.arrayNode();
            body.path("spec").path("finalizers").forEach(f -> {
                if (!"kubernetes".equals(f.asString(""))) {
                    kept.add(f);
                }
            });
            if (body.get("spec") instanceof ObjectNode spec) {
                spec.set("finalizers", kept);
            }
            if (kept.isEmpty() && ObjectMetadata.meta(body).path("finalizers").isEmpty()) {
                return store.commit(new Mutation.Delete(current.resource(), current.id(), current.resourceVersion(), body));
            }
        }
        NamespaceConditions.set(body, remaining, finalizers);
        if (body.equals(current.body())) {
            return current;
        }
        return store.commit(new Mutation.Update(current.resource(), current.id(), current.resourceVersion(), body));
    }

    /** Deletes or marks each object; how many of them were written (others changed meanwhile: read again). */
    private int deleteContents(List<StoredObject> contents) {
        List<Mutation> writes = new ArrayList<>();
        for (StoredObject o : contents) {
            ObjectNode body = o.body().deepCopy();
            ObjectNode meta = ObjectMetadata.meta(body);
            DeleteOptions defaults = new DeleteOptions(null, DeleteOptions.Propagation.BACKGROUND, null, null, false);
            if (o.resource().equals("pods") && podDeletesGracefully(body, defaults)) {
                long grace = body.path("spec").path("terminationGracePeriodSeconds").asLong(30);
                meta.put("deletionTimestamp", Instant.now().plusSeconds(grace).truncatedTo(ChronoUnit.SECONDS).toString());
                meta.put("deletionGracePeriodSeconds", grace);
                writes.add(new Mutation.Update(o.resource(), o.id(), o.resourceVersion(), body));
            } else if (!meta.path("finalizers").isEmpty()) {
                meta.put("deletionTimestamp", ObjectMetadata.now());
                meta.put("deletionGracePeriodSeconds", 0);
                writes.add(new Mutation.Update(o.resource(), o.id(), o.resourceVersion(), body));
            } else {
                writes.add(new Mutation.Delete(o.resource(), o.id(), o.resourceVersion(), o.body()));
            }
        }
        return deleteAll(writes);
    }

    private int deleteAll(List<Mutation> deletes) {
        try {
            store.commit(deletes);
            return deletes.size();
        } catch (StaleWriteException e) {
            int deleted = 0;
            for (Mutation delete : deletes) {
                try {
                    store.commit(delete);
                    deleted++;
                } catch (StaleWriteException changed) {
                    // changed (or gone) since it was read: a later batch reads it again
                }
            }
            return deleted;
        }
    }

    private static void checkPreconditions(ResourceType type, StoredObject current, DeleteOptions options) {
        if (options.preconditionUid() != null && !options.preconditionUid().equals(current.uid())) {
            throw ApiException.conflict(type.group(), type.resource(), current.name(),
                    "Precondition failed: UID in precondition: " + options.preconditionUid() + ", UID in object meta: "
                            + current.uid());
        }
        if (options.preconditionResourceVersion() != null
                && !options.preconditionResourceVersion().equals(Long.toString(current.resourceVersion()))) {
            throw ApiException.conflict(type.group(), type.resource(), current.name(),
                    "Precondition failed: ResourceVersion in precondition: " + options.preconditionResourceVersion()
                            + ", ResourceVersion in object meta: " + current.resourceVersion());
        }
    }

    private static boolean isPod(ResourceType storage) {
        return storage.resource().equals("pods") && storage.group().isEmpty();
    }
}
