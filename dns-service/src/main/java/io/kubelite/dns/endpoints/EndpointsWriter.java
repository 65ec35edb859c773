package io.kubelite.dns.endpoints;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.kubelite.controller.ObjectKey;

/** Where Endpoints are written: the API (a recording fake in unit tests). */
interface EndpointsWriter {

    void create(Endpoints endpoints);

    /** Replaces the object; its resourceVersion guards against concurrent writers (409 → retried). */
    void update(Endpoints endpoints);

    void delete(ObjectKey key);
}
