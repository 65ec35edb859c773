package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.api.model.PartialObjectMetadata;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.informer.MetadataKind;

/**
 * One kind the garbage collector watches, as owner and as dependent: where it is served, its
 * cache, and the informer whose events trigger collection (none in unit tests). A kind no other
 * controller of the service reads is cached as metadata only ({@link PartialObjectMetadata}).
 */
public record GcKind<T extends HasMetadata>(MetadataKind resource, Class<T> type, Lister<T> lister, Informer<T> informer) {

    /** A kind the service already has a typed informer for. */
    public static <T extends HasMetadata> GcKind<T> typed(Class<T> type, Informer<T> informer) {
        return typed(type, informer.lister(), informer);
    }

    public static <T extends HasMetadata> GcKind<T> typed(Class<T> type, Lister<T> lister, Informer<T> informer) {
        return new GcKind<>(new MetadataKind(HasMetadata.getApiVersion(type), HasMetadata.getKind(type),
                HasMetadata.getPlural(type), Namespaced.class.isAssignableFrom(type)), type, lister, informer);
    }

    /** A kind cached as metadata only. */
    public static GcKind<PartialObjectMetadata> metadata(MetadataKind resource, Informer<PartialObjectMetadata> informer) {
        return metadata(resource, informer.lister(), informer);
    }

    public static GcKind<PartialObjectMetadata> metadata(MetadataKind resource, Lister<PartialObjectMetadata> lister,
            Informer<PartialObjectMetadata> informer) {
        return new GcKind<>(resource, PartialObjectMetadata.class, lister, informer);
    }

    public String apiVersion() {
        return resource.apiVersion();
    }

    public String kind() {
        return resource.kind();
    }

    public boolean namespaced() {
        return resource.namespaced();
    }

    /** Whether the cache holds whole objects of the fabric8 type, rather than metadata only. */
    public boolean isTyped() {
        return type != PartialObjectMetadata.class;
    }

    /**
     * Whether a reference to {@code refKind} in {@code refApiVersion} names this kind: any version
     * of its group will do (an owner reference may name a version other than the stored one).
     */
    public boolean matches(String refApiVersion, String refKind) {
        return kind().equals(refKind) && refApiVersion != null
                && (resource.group().equals(groupOf(refApiVersion)) || sameGroup(apiVersion(), refApiVersion));
    }

    private static String groupOf(String apiVersion) {
        int slash = apiVersion.indexOf('/');
        return slash < 0 ? "" : apiVersion.substring(0, slash);
    }

    /** Whether {@code object} (from this service's caches) is of this kind. */
    public boolean holds(HasMetadata object) {
        return matches(object.getApiVersion(), object.getKind());
    }

    /** The cache key of the object called {@code name}, for a reference from an object in {@code namespace}. */
    public ObjectKey keyOf(String namespace, String name) {
        return namespaced() ? ObjectKey.of(namespace == null ? "" : namespace, name) : ObjectKey.clusterScoped(name);
    }

    /** extensions/v1beta1 Deployments and ReplicaSets are stored as apps/v1. */
    private static boolean sameGroup(String a, String b) {
        return (a.equals("apps/v1") && b != null && (b.startsWith("apps/") || b.startsWith("extensions/")));
    }
}
