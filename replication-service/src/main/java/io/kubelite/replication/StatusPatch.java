package io.kubelite.replication;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.util.Map;

/**
 * Writes an object's status through the status subresource as a JSON merge patch of the whole
 * status: the controller computed it from the cache, and the next sync corrects it if the cache
 * was behind, so it needs no resourceVersion guard (and meets no conflict).
 */
public final class StatusPatch {

    private final KubernetesClient client;
    private final KubernetesSerialization json;

    public StatusPatch(KubernetesClient client) {
        this.client = client;
        this.json = client.getKubernetesSerialization();
    }

    public <T extends HasMetadata> void write(T object, Object status) {
        client.resource(object).subresource("status")
                .patch(PatchContext.of(PatchType.JSON_MERGE), json.asJson(Map.of("status", status)));
    }
}
