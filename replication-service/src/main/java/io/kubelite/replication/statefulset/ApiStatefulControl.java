package io.kubelite.replication.statefulset;

import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.kubelite.replication.pods.ApiPodControl;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** {@link StatefulControl} with the fabric8 client. */
final class ApiStatefulControl implements StatefulControl {

    private final KubernetesClient client;
    private final ApiPodControl pods;

    ApiStatefulControl(KubernetesClient client) {
        this.client = client;
        this.pods = new ApiPodControl(client);
    }

    @Override
    public boolean createPod(Pod pod) {
        return createUnlessExists(() -> client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create());
    }

    @Override
    public void deletePod(String namespace, String name) {
        pods.delete(namespace, name);
    }

    @Override
    public boolean createClaim(PersistentVolumeClaim claim) {
        return createUnlessExists(() -> client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace())
                .resource(claim).create());
    }

    /** True when created; false when an object of that name exists (409). */
    private static boolean createUnlessExists(Runnable create) {
        try {
            create.run();
            return true;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public void addClaimOwner(PersistentVolumeClaim claim, OwnerReference owner) {
        List<OwnerReference> owners = new ArrayList<>(claim.getMetadata().getOwnerReferences() == null ? List.of()
                : claim.getMetadata().getOwnerReferences());
        owners.add(owner);
        client.persistentVolumeClaims().inNamespace(claim.getMetadata().getNamespace()).withName(claim.getMetadata().getName())
                .patch(PatchContext.of(PatchType.JSON_MERGE), client.getKubernetesSerialization()
                        .asJson(Map.of("metadata", Map.of("ownerReferences", owners))));
    }

    @Override
    public void writeStatus(StatefulSet set) {
        client.apps().statefulSets().inNamespace(set.getMetadata().getNamespace()).resource(set).updateStatus();
    }
}
