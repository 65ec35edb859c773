package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.kubelite.controller.informer.Informer;
import io.kubelite.controller.informer.Lister;

/**
 * One kind the garbage collector watches, as owner and as dependent: its cache, and the informer
 * whose events trigger collection (none in unit tests).
 */
public record GcKind<T extends HasMetadata>(String apiVersion, String kind, Class<T> type, Lister<T> lister,
        Informer<T> informer) {

    public GcKind(String apiVersion, String kind, Class<T> type, Informer<T> informer) {
        this(apiVersion, kind, type, informer.lister(), informer);
    }

    public boolean matches(String refApiVersion, String refKind) {
        return kind.equals(refKind) && (apiVersion.equals(refApiVersion) || sameGroup(apiVersion, refApiVersion));
    }

    /** extensions/v1beta1 Deployments and ReplicaSets are stored as apps/v1. */
    private static boolean sameGroup(String a, String b) {
        return (a.equals("apps/v1") && b != null && (b.startsWith("apps/") || b.startsWith("extensions/")));
    }
}
