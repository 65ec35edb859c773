package io.kubelite.nodeagent.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.nodeagent.pod.ConfigLookup;
import java.util.Optional;

/** ConfigMaps and Secrets read from the API at each use, so a changed ConfigMap reaches the next sync. */
public final class ApiConfigLookup implements ConfigLookup {

    private final KubernetesClient client;

    public ApiConfigLookup(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<ConfigMap> configMap(String namespace, String name) {
        return Optional.ofNullable(client.configMaps().inNamespace(namespace).withName(name).get());
    }

    @Override
    public Optional<Secret> secret(String namespace, String name) {
        return Optional.ofNullable(client.secrets().inNamespace(namespace).withName(name).get());
    }
}
