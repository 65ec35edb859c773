package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.kubelite.controller.ObjectKey;

/** Writes Endpoints through the API with the service's token. */
final class ApiEndpointsWriter implements EndpointsWriter {

    private final KubernetesClient client;

    ApiEndpointsWriter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void create(Endpoints endpoints) {
        try {
            client.endpoints().inNamespace(endpoints.getMetadata().getNamespace()).resource(endpoints).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // someone made it first (a stale cache): the event brings it, and the retry updates it
            throw new IllegalStateException("Endpoints " + endpoints.getMetadata().getName() + " already exist; retrying", e);
        }
    }

    @Override
    public void update(Endpoints endpoints) {
        client.endpoints().inNamespace(endpoints.getMetadata().getNamespace()).resource(endpoints).update();
    }

    @Override
    public void delete(ObjectKey key) {
        client.endpoints().inNamespace(key.namespace()).withName(key.name()).delete();
    }
}
