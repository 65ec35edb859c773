package io.kubelite.replication.serviceaccount;

import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;

/**
 * kube-controller-manager's service account controller: every active namespace has a ServiceAccount
 * named {@value #NAME}, made again when it is deleted. (The API server makes it with the namespace;
 * this covers namespaces older than that and deletions.) The key is the namespace.
 */
public final class DefaultServiceAccount implements Reconciler {

    public static final String NAME = "default";

    /** The one write this controller makes. */
    public interface Api {
        /** Creates the ServiceAccount; one that exists already (another writer was first) is fine. */
        void create(ServiceAccount account);
    }

    private final Lister<Namespace> namespaces;
    private final Lister<ServiceAccount> accounts;
    private final Api api;

    public DefaultServiceAccount(Lister<Namespace> namespaces, Lister<ServiceAccount> accounts, Api api) {
        this.namespaces = namespaces;
        this.accounts = accounts;
        this.api = api;
    }

    /** The key of an object's namespace (a Namespace's own name). */
    static ObjectKey keyOf(String namespace) {
        return new ObjectKey("", namespace);
    }

    @Override
    public Result reconcile(ObjectKey key) {
        String namespace = key.name();
        Namespace ns = namespaces.get(keyOf(namespace)).orElse(null);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        if (accounts.get(new ObjectKey(namespace, NAME)).isPresent()) {
            return Result.done();
        }
        api.create(new ServiceAccountBuilder().withNewMetadata().withName(NAME).withNamespace(namespace).endMetadata().build());
        return Result.done();
    }
}
