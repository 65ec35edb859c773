package io.kubelite.nodeagent.api;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.PersistentVolume;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.authentication.TokenRequest;
import io.fabric8.kubernetes.api.model.node.v1.RuntimeClass;
import io.fabric8.kubernetes.api.model.authentication.TokenRequestBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.kubelite.controller.informer.Lister;
import io.kubelite.nodeagent.pod.ConfigLookup;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ConfigMaps, Secrets and RuntimeClasses read from the API at each use, so a changed ConfigMap
 * reaches the next sync; Services from an informer's cache (the kubelet's service lister), none
 * without one; service account tokens from the API's TokenRequest, cached until they are due for
 * renewal.
 */
public final class ApiConfigLookup implements ConfigLookup {

    private final KubernetesClient client;
    private final Lister<Service> services;
    private final Clock clock = Clock.systemUTC();
    /** pod uid/audience/lifetime → the token issued for it. */
    private final Map<String, IssuedToken> tokens = new ConcurrentHashMap<>();

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

    /** Read when a pod's sandbox is made, which is when the kubelet resolves a pod's RuntimeClass. */
    @Override
    public Optional<RuntimeClass> runtimeClass(String name) {
        return Optional.ofNullable(client.resources(RuntimeClass.class).withName(name).get());
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

    /**
     * A token from the API's TokenRequest, bound to the pod, kept until 80 % of its lifetime has
     * passed (the kubelet's rule) and then asked for again.
     */
    @Override
    public Optional<String> serviceAccountToken(Pod pod, String audience, long expirationSeconds) {
        String key = pod.getMetadata().getUid() + "/" + audience + "/" + expirationSeconds;
        Instant now = clock.instant();
        IssuedToken cached = tokens.get(key);
        if (cached != null && now.isBefore(cached.refreshAt())) {
            return Optional.of(cached.token());
        }
        String account = pod.getSpec().getServiceAccountName() == null ? "default" : pod.getSpec().getServiceAccountName();
        TokenRequest answer = client.serviceAccounts().inNamespace(pod.getMetadata().getNamespace()).withName(account)
                .tokenRequest(new TokenRequestBuilder().withNewSpec()
                        .withAudiences(audience.isEmpty() ? List.of() : List.of(audience))
                        .withExpirationSeconds(expirationSeconds)
                        .withNewBoundObjectRef("v1", "Pod", pod.getMetadata().getName(), pod.getMetadata().getUid())
                        .endSpec().build());
        String token = answer.getStatus().getToken();
        Instant expires = Instant.parse(answer.getStatus().getExpirationTimestamp());
        tokens.put(key, new IssuedToken(token, now.plus(Duration.between(now, expires).multipliedBy(8).dividedBy(10))));
        return Optional.of(token);
    }

    @Override
    public void podRemoved(String podUid) {
        tokens.keySet().removeIf(k -> k.startsWith(podUid + "/"));
    }

    private record IssuedToken(String token, Instant refreshAt) {
    }
}
