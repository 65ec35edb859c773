package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

/** Writes EndpointSlices through the API with the service's token. */
final class ApiEndpointSliceWriter implements EndpointSliceWriter {

    private final KubernetesClient client;

    ApiEndpointSliceWriter(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public void create(EndpointSlice slice) {
        try {
            client.discovery().v1().endpointSlices().inNamespace(slice.getMetadata().getNamespace()).resource(slice).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                throw e;
            }
            // made by an earlier pass the cache has not shown yet: the event brings it, the retry updates it
            throw new IllegalStateException("EndpointSlice " + slice.getMetadata().getName() + " already exists; retrying", e);
        }
    }

    @Override
    public void update(EndpointSlice slice) {
        client.discovery().v1().endpointSlices().inNamespace(slice.getMetadata().getNamespace()).resource(slice).update();
    }

    @Override
    public void delete(EndpointSlice slice) {
        try {
            client.discovery().v1().endpointSlices().inNamespace(slice.getMetadata().getNamespace())
                    .withName(slice.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
