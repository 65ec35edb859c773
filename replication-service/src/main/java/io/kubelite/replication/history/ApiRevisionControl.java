package io.kubelite.replication.history;

import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.Map;

/** {@link RevisionControl} through the API with the fabric8 client. */
public final class ApiRevisionControl implements RevisionControl {

    private final KubernetesClient client;

    public ApiRevisionControl(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void create(ControllerRevision revision) {
        try {
            client.apps().controllerRevisions().inNamespace(revision.getMetadata().getNamespace()).resource(revision).create();
        } catch (KubernetesClientException e) {
            // created by an earlier sync the cache has not shown yet
            if (e.getCode() != 409) {
                throw e;
            }
        }
    }

    @Override
    public void renumber(ControllerRevision revision, long to) {
        client.apps().controllerRevisions().resource(revision).patch(PatchContext.of(PatchType.JSON_MERGE),
                client.getKubernetesSerialization().asJson(Map.of("revision", to)));
    }

    @Override
    public void delete(ControllerRevision revision) {
        try {
            client.apps().controllerRevisions().inNamespace(revision.getMetadata().getNamespace())
                    .withName(revision.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
