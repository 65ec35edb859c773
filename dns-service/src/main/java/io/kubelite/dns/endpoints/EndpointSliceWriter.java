package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;

/** Where EndpointSlices are written: the API (a recording fake in unit tests). */
interface EndpointSliceWriter {

    void create(EndpointSlice slice);

    /** Replaces the slice; its resourceVersion guards against concurrent writers (409 → retried). */
    void update(EndpointSlice slice);

    void delete(EndpointSlice slice);
}
