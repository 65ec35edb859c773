package io.kubelite.replication.deployment;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubelite.replication.StatusPatch;

import java.util.Map;
import java.util.Optional;

/** {@link DeploymentControl} through the API with the fabric8 client. */
public final class ApiDeploymentControl implements DeploymentControl {

    private final KubernetesClient client;
    private final StatusPatch status;

    public ApiDeploymentControl(KubernetesClient client) {
        this.client = client;
        this.status = new StatusPatch(client);
    }

    @Override
    public CreateResult createReplicaSet(ReplicaSet rs) {
        String ns = rs.getMetadata().getNamespace();
        try {
            return new CreateResult(client.apps().replicaSets().inNamespace(ns).resource(rs).create(), Optional.empty());
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            ReplicaSet existing = client.apps().replicaSets().inNamespace(ns).withName(rs.getMetadata().getName()).get();
            if (existing == null) {
                throw e;
            }
            return new CreateResult(null, Optional.of(existing));
        }
    }

    @Override
    public ReplicaSet scaleReplicaSet(ReplicaSet rs, int replicas) {
        return patch(rs, Map.of("spec", Map.of("replicas", replicas)));
    }

    @Override
    public ReplicaSet setRevision(ReplicaSet rs, long revision) {
        return patch(rs, Map.of("metadata", Map.of("annotations", Map.of(Revisions.ANNOTATION, Long.toString(revision)))));
    }

    private ReplicaSet patch(ReplicaSet rs, Map<String, Object> patch) {
        return client.apps().replicaSets().resource(rs)
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization().asJson(patch));
    }

    @Override
    public void deleteReplicaSet(ReplicaSet rs) {
        client.apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName())
                .delete();
    }

    @Override
    public ReplicaSet adoptReplicaSet(ReplicaSet rs, io.fabric8.kubernetes.api.model.OwnerReference owner) {
        java.util.List<io.fabric8.kubernetes.api.model.OwnerReference> refs = new java.util.ArrayList<>();
        if (rs.getMetadata().getOwnerReferences() != null) {
            refs.addAll(rs.getMetadata().getOwnerReferences());
        }
        refs.add(owner);
        Map<String, Object> meta = new java.util.LinkedHashMap<>();
        meta.put("uid", rs.getMetadata().getUid());
        meta.put("resourceVersion", rs.getMetadata().getResourceVersion());
        meta.put("ownerReferences", refs);
        return patch(rs, Map.of("metadata", meta));
    }

    @Override
    public void setDeploymentRevision(Deployment deployment, long revision) {
        client.apps().deployments().resource(deployment).patch(PatchContext.of(PatchType.JSON_MERGE),
                        client.getKubernetesSerialization().asJson(Map.of("metadata", Map.of("annotations",
                                Map.of(Revisions.ANNOTATION, Long.toString(revision))))));
    }

    @Override
    public void writeStatus(Deployment deployment, DeploymentStatus deploymentStatus) {
        status.write(deployment, deploymentStatus);
    }
}
