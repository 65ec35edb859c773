package io.kubelite.replication.gc;

import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.APIResourceList;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import io.kubelite.controller.ObjectKey;
import io.kubelite.controller.informer.MetadataKind;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** {@link GcApi} with the fabric8 client; patches carry uid and resourceVersion as preconditions. */
public final class ApiGc implements GcApi {

    private final KubernetesClient client;
    private final Map<String, APIResource> served = new java.util.concurrent.ConcurrentHashMap<>();

    public ApiGc(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Optional<HasMetadata> live(GcKind<?> kind, ObjectKey key) {
        if (!kind.isTyped()) {
            return Optional.ofNullable(generic(kind, key.namespace(), key.name()).get());
        }
        HasMetadata live = key.isClusterScoped() ? client.resources(kind.type()).withName(key.name()).get()
                : client.resources(kind.type()).inNamespace(key.namespace()).withName(key.name()).get();
        return Optional.ofNullable(live);
    }

    /** An object of a kind cached as metadata only, through the dynamic client. */
    private Resource<GenericKubernetesResource> generic(GcKind<?> kind, String namespace, String name) {
        MetadataKind r = kind.resource();
        var objects = client.genericKubernetesResources(new ResourceDefinitionContext.Builder().withGroup(r.group())
                .withVersion(r.version()).withPlural(r.plural()).withKind(r.kind()).withNamespaced(r.namespaced()).build());
        return r.namespaced() ? objects.inNamespace(namespace).withName(name) : objects.withName(name);
    }

    @Override
    public Optional<String> foreignUid(String apiVersion, String kind, String namespace, String name) {
        Optional<APIResource> resource = servedResource(apiVersion, kind);
        if (resource.isEmpty()) {
            return Optional.empty();
        }
        int slash = apiVersion.indexOf('/');
        boolean namespaced = Boolean.TRUE.equals(resource.get().getNamespaced());
        var objects = client.genericKubernetesResources(new ResourceDefinitionContext.Builder()
                .withGroup(slash < 0 ? "" : apiVersion.substring(0, slash))
                .withVersion(slash < 0 ? apiVersion : apiVersion.substring(slash + 1))
                .withPlural(resource.get().getName()).withKind(kind).withNamespaced(namespaced).build());
        var owner = namespaced && namespace != null && !namespace.isEmpty()
                ? objects.inNamespace(namespace).withName(name).get() : objects.withName(name).get();
        return owner == null ? Optional.empty() : Optional.ofNullable(owner.getMetadata().getUid());
    }

    /**
     * The resource serving {@code kind} in {@code apiVersion}, from discovery. A kind found is
     * remembered (every dependent of a custom object asks again every recheck); a kind not found
     * is asked again next time, so a definition created a moment ago is never taken for missing.
     */
    private Optional<APIResource> servedResource(String apiVersion, String kind) {
        APIResource known = served.get(apiVersion + "/" + kind);
        if (known != null) {
            return Optional.of(known);
        }
        APIResourceList resources;
        try {
            resources = client.getApiResources(apiVersion);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return Optional.empty();
            }
            throw e;
        }
        if (resources == null) {
            return Optional.empty();
        }
        Optional<APIResource> found = resources.getResources().stream()
                .filter(r -> kind.equals(r.getKind()) && !r.getName().contains("/")).findFirst();
        found.ifPresent(r -> served.put(apiVersion + "/" + kind, r));
        return found;
    }

    @Override
    public void delete(GcKind<?> kind, HasMetadata object) {
        try {
            if (kind.isTyped()) {
                client.resource(object).delete();
            } else {
                generic(kind, object.getMetadata().getNamespace(), object.getMetadata().getName()).delete();
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404 && e.getCode() != 409) {
                throw e;
            }
        }
    }

    @Override
    public void removeOwnerReferences(GcKind<?> kind, HasMetadata object, List<String> ownerUids) {
        List<OwnerReference> kept = object.getMetadata().getOwnerReferences() == null ? List.of()
                : object.getMetadata().getOwnerReferences().stream().filter(r -> !ownerUids.contains(r.getUid())).toList();
        patchMetadata(kind, object, "ownerReferences", kept);
    }

    @Override
    public void removeFinalizer(GcKind<?> kind, HasMetadata object, String finalizer) {
        List<String> kept = object.getMetadata().getFinalizers().stream().filter(f -> !f.equals(finalizer)).toList();
        patchMetadata(kind, object, "finalizers", kept);
    }

    private void patchMetadata(GcKind<?> kind, HasMetadata object, String field, Object value) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("uid", object.getMetadata().getUid());
        meta.put("resourceVersion", object.getMetadata().getResourceVersion());
        meta.put(field, value);
        String patch = client.getKubernetesSerialization().asJson(Map.of("metadata", meta));
        try {
            if (kind.isTyped()) {
                client.resource(object).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            } else {
                generic(kind, object.getMetadata().getNamespace(), object.getMetadata().getName())
                        .patch(PatchContext.of(PatchType.JSON_MERGE), patch);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
