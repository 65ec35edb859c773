package io.kubelite.objectstore.controllers;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.Lister;
import io.kubelite.controller.reconcile.Reconciler;
import io.kubelite.controller.reconcile.Result;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The sample controller: every ConfigMap labelled {@code mirror=yes} gets a ConfigMap
 * {@code <name>-mirror} in its namespace with the same data, owned by it; the mirror follows
 * data changes and goes when the source goes or loses the label. Reads only the cache, writes
 * only through the API, level-triggered.
 */
final class MirrorReconciler implements Reconciler {

    static final String LABEL = "mirror";

    private final KubernetesClient client;
    private final Lister<ConfigMap> configMaps;

    MirrorReconciler(KubernetesClient client, Lister<ConfigMap> configMaps) {
        this.client = client;
        this.configMaps = configMaps;
    }

    @Override
    public Result reconcile(ObjectKey key) {
        if (key.name().endsWith("-mirror")) {
            return Result.done();
        }
        Optional<ConfigMap> source = configMaps.get(key);
        ObjectKey mirrorKey = ObjectKey.of(key.namespace(), key.name() + "-mirror");
        Optional<ConfigMap> mirror = configMaps.get(mirrorKey);
        boolean wanted = source.isPresent() && "yes".equals(labels(source.get()).get(LABEL));
        if (!wanted) {
            mirror.ifPresent(m -> client.configMaps().inNamespace(key.namespace()).withName(mirrorKey.name()).delete());
            return Result.done();
        }
        ConfigMap src = source.get();
        if (mirror.isEmpty()) {
            client.configMaps().inNamespace(key.namespace()).resource(new ConfigMapBuilder()
                    .withNewMetadata().withName(mirrorKey.name()).withNamespace(key.namespace())
                    .addNewOwnerReference().withApiVersion("v1").withKind("ConfigMap").withName(src.getMetadata().getName())
                    .withUid(src.getMetadata().getUid()).withController(true).endOwnerReference()
                    .endMetadata().withData(src.getData()).build()).create();
        } else if (!Objects.equals(mirror.get().getData(), src.getData())) {
            ConfigMap updated = new ConfigMapBuilder(mirror.get()).withData(src.getData()).build();
            client.configMaps().inNamespace(key.namespace()).resource(updated).update();
        }
        return Result.done();
    }

    private static Map<String, String> labels(ConfigMap cm) {
        Map<String, String> labels = cm.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }
}
