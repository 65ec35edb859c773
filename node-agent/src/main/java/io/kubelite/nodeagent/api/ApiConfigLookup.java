package io.kubelite.nodeagent.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.informer.Lister;
import io.kubelite.nodeagent.pod.ConfigLookup;
import java.util.List;
import java.util.Optional;

/**
 * ConfigMaps and Secrets read from the API at each use, so a changed ConfigMap reaches the next
 * sync; Services from an informer's cache (the kubelet's service lister), none without one.
 */
public final class ApiConfigLookup implements ConfigLookup {

    private final KubernetesClient client;
    private final Lister<Service> services;

    /** @param services the Services informer's cache, or null where containers get no Service variables (simulated nodes) */
    public ApiConfigLookup(KubernetesClient client, Lister<Service> services) {
        this.client = client;
        this.services = services;
    }

    @Override
    public Optional<PersistentVolumeClaim> claim(String namespace, String name) {
        return Optional.ofNullable(client.persistentVolumeClaims().inNamespace(namespace).withName(name).get());
    }

    @Override
    public Optional<PersistentVolume> persistentVolume(String name) {
        return Optional.ofNullable(client.persistentVolumes().withName(name).get());
    }

    @Override
    public List<Service> services(String namespace) {
        return services == null ? List.of() : services.list(namespace);
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
