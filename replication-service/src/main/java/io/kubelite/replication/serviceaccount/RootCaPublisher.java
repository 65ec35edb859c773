package io.kubelite.replication.serviceaccount;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;
import java.util.Map;

/**
 * kube-controller-manager's root CA publisher: every active namespace has the ConfigMap
 * {@value #NAME} whose {@code ca.crt} is the CA the API's certificate is signed with, which pods
 * mount next to their service account token to trust the API. Made when missing and set right
 * when changed. The key is the namespace.
 */
public final class RootCaPublisher implements Reconciler {

    public static final String NAME = "kube-root-ca.crt";
    static final String KEY = "ca.crt";
    static final String DESCRIPTION = "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.";

    /** The writes this controller makes. */
    public interface Api {
        /** Creates the ConfigMap; one that exists already (another writer was first) is fine. */
        void create(ConfigMap configMap);

        void update(ConfigMap configMap);
    }

    private final Lister<Namespace> namespaces;
    private final Lister<ConfigMap> configMaps;
    private final String caPem;
    private final Api api;

    /** @param caPem the CA certificate(s), PEM; empty where the API is served without TLS */
    public RootCaPublisher(Lister<Namespace> namespaces, Lister<ConfigMap> configMaps, String caPem, Api api) {
        this.namespaces = namespaces;
        this.configMaps = configMaps;
        this.caPem = caPem;
        this.api = api;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        String namespace = key.name();
        Namespace ns = namespaces.get(DefaultServiceAccount.keyOf(namespace)).orElse(null);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() != null) {
            return Result.done();
        }
        ConfigMap current = configMaps.get(new ObjectKey(namespace, NAME)).orElse(null);
        if (current == null) {
            api.create(new ConfigMapBuilder().withNewMetadata().withName(NAME).withNamespace(namespace)
                    .addToAnnotations("kubernetes.io/description", DESCRIPTION).endMetadata()
                    .withData(Map.of(KEY, caPem)).build());
        } else if (current.getData() == null || !caPem.equals(current.getData().get(KEY))) {
            api.update(new ConfigMapBuilder(current).withData(Map.of(KEY, caPem)).build());
        }
        return Result.done();
    }
}
