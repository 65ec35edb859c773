package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import java.util.List;
import java.util.Optional;

/** Where a pod's ConfigMaps and Secrets are read from (the API, or a table in tests). */
public interface ConfigLookup {

    Optional<ConfigMap> configMap(String namespace, String name);

    Optional<Secret> secret(String namespace, String name);

    /** The Services of a namespace, for the containers' Service variables; none where Services are not known. */
    default List<Service> services(String namespace) {
        return List.of();
    }
}
