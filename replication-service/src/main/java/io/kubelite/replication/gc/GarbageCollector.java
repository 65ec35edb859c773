package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Indexes;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The garbage collector for one kind, as Kubernetes' garbage collector treats each object:
 * <ul>
 *   <li>as a dependent: deleted once every owner it references (by uid) is gone
 *       ({@link OwnerCheck});</li>
 *   <li>as an owner being deleted with finalizer {@code orphan}: its dependents lose their
 *       reference to it, then the finalizer is removed;</li>
 *   <li>with finalizer {@code foregroundDeletion}: its dependents are deleted, and once none is
 *       left the finalizer is removed (and the API server finishes the deletion).</li>
 * </ul>
 * An owner missing from the cache is confirmed with a live read, and the dependent itself is
 * read live before it is deleted, so neither a dependent seen before its owner reached the cache
 * nor one just orphaned is collected. An owner of a kind no collector watches (a custom resource)
 * is read live, and its dependents are checked again every {@code foreignOwnerRecheck}, since no
 * event tells of its deletion.
 */
public final class GarbageCollector<T extends HasMetadata> implements Reconciler {

    private static final Logger LOG = LoggerFactory.getLogger(GarbageCollector.class);
    public static final String ORPHAN = "orphan";
    public static final String FOREGROUND = "foregroundDeletion";

    private final GcKind<T> kind;
    private final List<GcKind<?>> allKinds;
    private final GcApi api;
    private final Duration foreignOwnerRecheck;

    /**
     * @param foreignOwnerRecheck how often an object with an owner of a kind no collector watches
     *                            (a custom resource) is checked again: no event tells of that owner's deletion
     */
    public GarbageCollector(GcKind<T> kind, List<GcKind<?>> allKinds, GcApi api, Duration foreignOwnerRecheck) {
        this.kind = kind;
        this.allKinds = allKinds;
        this.api = api;
        this.foreignOwnerRecheck = foreignOwnerRecheck;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        Optional<T> found = kind.lister().get(key);
        if (found.isEmpty()) {
            return Result.done();
        }
        T object = found.get();
        List<String> finalizers = object.getMetadata().getFinalizers() == null ? List.of()
                : object.getMetadata().getFinalizers();
        if (object.getMetadata().getDeletionTimestamp() != null) {
            if (finalizers.contains(ORPHAN)) {
                orphanDependents(object);
                api.removeFinalizer(kind, object, ORPHAN);
                return Result.done();
            }
            if (finalizers.contains(FOREGROUND)) {
                List<HasMetadata> dependents = dependents(object.getMetadata().getUid());
                if (dependents.isEmpty()) {
                    api.removeFinalizer(kind, object, FOREGROUND);
                    return Result.done();
                }
                dependents.stream().filter(d -> d.getMetadata().getDeletionTimestamp() == null)
                        .forEach(d -> api.delete(kindOf(d), d));
                return Result.requeueAfter(Duration.ofSeconds(1));
            }
        }
        OwnerCheck.Verdict verdict = OwnerCheck.decide(object.getMetadata().getOwnerReferences(),
                ref -> ownerExists(ref, object.getMetadata().getNamespace()));
        if (verdict instanceof OwnerCheck.Delete && object.getMetadata().getDeletionTimestamp() == null) {
            // The cache may lag (an orphaning delete strips owners in the same commit that removes
            // the owner, but the two changes travel on different topics): decide again on the live object.
            Optional<HasMetadata> live = api.live(kind, key);
            if (live.isEmpty() || !live.get().getMetadata().getUid().equals(object.getMetadata().getUid())) {
                return Result.done();
            }
            verdict = OwnerCheck.decide(live.get().getMetadata().getOwnerReferences(),
                    ref -> ownerExists(ref, object.getMetadata().getNamespace()));
            if (!(verdict instanceof OwnerCheck.Delete)) {
                return Result.requeue();
            }
            LOG.atInfo().addKeyValue("object", kind.kind() + " " + key).addKeyValue("uid", object.getMetadata().getUid())
                    .log("Deleting object whose owners are all gone");
            api.delete(kind, object);
        } else if (verdict instanceof OwnerCheck.DropReferences drop) {
            api.removeOwnerReferences(kind, object, drop.goneUids());
        }
        return hasForeignOwner(object) ? Result.requeueAfter(foreignOwnerRecheck) : Result.done();
    }

    private boolean hasForeignOwner(T object) {
        List<OwnerReference> refs = object.getMetadata().getOwnerReferences();
        return refs != null && refs.stream().anyMatch(r -> allKinds.stream().noneMatch(k -> k.matches(r.getApiVersion(), r.getKind())));
    }

    private void orphanDependents(T owner) {
        String uid = owner.getMetadata().getUid();
        for (HasMetadata dependent : dependents(uid)) {
            api.removeOwnerReferences(kindOf(dependent), dependent, List.of(uid));
        }
    }

    private List<HasMetadata> dependents(String uid) {
        List<HasMetadata> out = new ArrayList<>();
        for (GcKind<?> k : allKinds) {
            out.addAll(k.lister().byIndex(Indexes.OWNER_UID, uid));
        }
        return out;
    }

    private GcKind<?> kindOf(HasMetadata object) {
        return allKinds.stream().filter(k -> k.holds(object)).findFirst().orElseThrow(() -> new IllegalStateException(
                "no collected kind holds " + object.getApiVersion() + " " + object.getKind()));
    }

    private boolean ownerExists(OwnerReference ref, String namespace) {
        Optional<GcKind<?>> ownerKind = allKinds.stream().filter(k -> k.matches(ref.getApiVersion(), ref.getKind()))
                .findFirst();
        if (ownerKind.isEmpty()) {
            // a kind no collector watches (a custom resource): asked live, by uid
            return api.foreignUid(ref.getApiVersion(), ref.getKind(), namespace, ref.getName())
                    .map(ref.getUid()::equals).orElse(false);
        }
        if (ownerKind.get().namespaced() && (namespace == null || namespace.isEmpty())) {
            // A cluster-scoped object cannot be owned by a namespaced one: Kubernetes treats the
            // reference as unresolvable and never collects the object on its account.
            return true;
        }
        ObjectKey key = ownerKind.get().keyOf(namespace, ref.getName());
        Optional<? extends HasMetadata> cached = ownerKind.get().lister().get(key);
        if (cached.isPresent() && ref.getUid().equals(cached.get().getMetadata().getUid())) {
            return true;
        }
        return api.live(ownerKind.get(), key).map(o -> ref.getUid().equals(o.getMetadata().getUid())).orElse(false);
    }
}
