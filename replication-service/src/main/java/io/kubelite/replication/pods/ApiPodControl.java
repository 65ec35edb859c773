package io.kubelite.replication.pods;

import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link PodControl} through the API with the fabric8 client. */
public final class ApiPodControl implements PodControl {

    private final KubernetesClient client;

    public ApiPodControl(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public Pod create(String namespace, PodTemplateSpec template, OwnerReference owner) {
        return createOnNode(namespace, template, owner, null);
    }

    @Override
    public Pod createOnNode(String namespace, PodTemplateSpec template, OwnerReference owner, String nodeName) {
        return client.pods().inNamespace(namespace).resource(fromTemplate(namespace, template, owner, nodeName)).create();
    }

    @Override
    public Pod createWithPrefix(String namespace, PodTemplateSpec template, OwnerReference owner, String generateName) {
        Pod pod = fromTemplate(namespace, template, owner, null);
        pod.getMetadata().setGenerateName(generateName);
        return client.pods().inNamespace(namespace).resource(pod).create();
    }

    /** A pod as Kubernetes' {@code GetPodFromTemplate} makes it: template labels, annotations, finalizers, spec. */
    public static Pod fromTemplate(String namespace, PodTemplateSpec template, OwnerReference owner, String nodeName) {
        ObjectMeta tm = template.getMetadata() == null ? new ObjectMeta() : template.getMetadata();
        ObjectMeta meta = new ObjectMetaBuilder().withGenerateName(owner.getName() + "-").withNamespace(namespace)
                .withLabels(copy(tm.getLabels())).withAnnotations(copy(tm.getAnnotations()))
                .withFinalizers(tm.getFinalizers()).withOwnerReferences(owner).build();
        PodBuilder pod = new PodBuilder().withApiVersion("v1").withKind("Pod").withMetadata(meta)
                .withSpec(new PodBuilder().withSpec(template.getSpec()).build().getSpec());
        if (nodeName != null) {
            pod.editSpec().withNodeName(nodeName).endSpec();
        }
        return pod.build();
    }

    private static Map<String, String> copy(Map<String, String> map) {
        return map == null || map.isEmpty() ? null : new LinkedHashMap<>(map);
    }

    @Override
    public void delete(String namespace, String name) {
        try {
            client.pods().inNamespace(namespace).withName(name).delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public void adopt(Pod pod, OwnerReference owner) {
        List<OwnerReference> refs = new ArrayList<>();
        if (pod.getMetadata().getOwnerReferences() != null) {
            refs.addAll(pod.getMetadata().getOwnerReferences());
        }
        refs.add(owner);
        patchOwners(pod, refs);
    }

    @Override
    public void release(Pod pod, String ownerUid) {
        List<OwnerReference> refs = new ArrayList<>();
        if (pod.getMetadata().getOwnerReferences() != null) {
            pod.getMetadata().getOwnerReferences().stream().filter(r -> !ownerUid.equals(r.getUid())).forEach(refs::add);
        }
        patchOwners(pod, refs);
    }

    /**
     * A merge patch of the whole ownerReferences list, guarded by the cached resourceVersion
     * (and uid) so that a change made since the cache saw the pod gets a 409 instead of being lost.
     */
    private void patchOwners(Pod pod, List<OwnerReference> refs) {
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("uid", pod.getMetadata().getUid());
        meta.put("resourceVersion", pod.getMetadata().getResourceVersion());
        meta.put("ownerReferences", refs);
        String patch = client.getKubernetesSerialization().asJson(Map.of("metadata", meta));
        client.pods().resource(pod).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }
}
