package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.kubelite.replication.pods.Owners;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ReplicaSet a Deployment's current template runs in: named {@code <deployment>-<hash>},
 * with {@code pod-template-hash: <hash>} added to its labels, selector and template labels (so
 * the ReplicaSets of one Deployment never select each other's pods), the Deployment's
 * annotations (change-cause included) and revision, and the Deployment as controller owner.
 */
public final class NewReplicaSet {

    /** Annotations of the Deployment that are its own and not copied to its ReplicaSets. */
    private static final java.util.Set<String> NOT_COPIED = java.util.Set.of(
            "kubectl.kubernetes.io/last-applied-configuration", Revisions.ANNOTATION,
            "deployment.kubernetes.io/desired-replicas", "deployment.kubernetes.io/max-replicas");

    private NewReplicaSet() {
    }

    public static ReplicaSet build(Deployment d, String hash, long revision, int replicas) {
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).editOrNewMetadata()
                .addToLabels(Templates.HASH_LABEL, hash).endMetadata().build();
        LabelSelector selector = new LabelSelectorBuilder(d.getSpec().getSelector())
                .addToMatchLabels(Templates.HASH_LABEL, hash).build();
        Map<String, String> annotations = new LinkedHashMap<>();
        if (d.getMetadata().getAnnotations() != null) {
            d.getMetadata().getAnnotations().forEach((k, v) -> {
                if (!NOT_COPIED.contains(k)) {
                    annotations.put(k, v);
                }
            });
        }
        annotations.put(Revisions.ANNOTATION, Long.toString(revision));
        return new ReplicaSetBuilder().withApiVersion("apps/v1").withKind("ReplicaSet").withNewMetadata()
                .withName(d.getMetadata().getName() + "-" + hash).withNamespace(d.getMetadata().getNamespace())
                .withLabels(template.getMetadata().getLabels()).withAnnotations(annotations)
                .withOwnerReferences(Owners.controllerRef("apps/v1", "Deployment", d.getMetadata().getName(),
                        d.getMetadata().getUid()))
                .endMetadata().withNewSpec().withReplicas(replicas).withSelector(selector).withTemplate(template)
                .withMinReadySeconds(d.getSpec().getMinReadySeconds()).endSpec().build();
    }
}
