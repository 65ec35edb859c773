package io.kubelite.replication.pods;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
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
import io.kubelite.controller.events.EventRecorder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link PodControl} through the API with the fabric8 client. With an {@link EventRecorder} it
 * records on the owner what Kubernetes' controllers record, so {@code kubectl describe rs/x} shows
 * them: {@code SuccessfulCreate} ("Created pod: web-7x2kq"), {@code FailedCreate} ("Error creating:
 * pods "web-7x2kq" is forbidden: exceeded quota: …"), {@code SuccessfulDelete} and {@code FailedDelete}.
 */
public final class ApiPodControl implements PodControl {

    private final KubernetesClient client;
    private final EventRecorder events;

    public ApiPodControl(KubernetesClient client) {
        this(client, null);
    }

    public ApiPodControl(KubernetesClient client, EventRecorder events) {
        this.client = client;
        this.events = events;
    }

    @Override
    public Pod create(String namespace, PodTemplateSpec template, OwnerReference owner) {
        return createOnNode(namespace, template, owner, null);
    }

    @Override
    public Pod createOnNode(String namespace, PodTemplateSpec template, OwnerReference owner, String nodeName) {
        return recorded(namespace, owner, fromTemplate(namespace, template, owner, nodeName));
    }

    @Override
    public Pod createWithPrefix(String namespace, PodTemplateSpec template, OwnerReference owner, String generateName) {
        Pod pod = fromTemplate(namespace, template, owner, null);
        pod.getMetadata().setGenerateName(generateName);
        return recorded(namespace, owner, pod);
    }

    private Pod recorded(String namespace, OwnerReference owner, Pod pod) {
        try {
            Pod created = client.pods().inNamespace(namespace).resource(pod).create();
            if (events != null) {
                events.normal(ownerObject(namespace, owner), "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
            }
            return created;
        } catch (KubernetesClientException e) {
            if (events != null && !namespaceTerminating(e)) {
                events.warning(ownerObject(namespace, owner), "FailedCreate", "Error creating: " + message(e));
            }
            throw e;
        }
    }

    /** The owner as the event's involved object. */
    private static HasMetadata ownerObject(String namespace, OwnerReference owner) {
        GenericKubernetesResource o = new GenericKubernetesResource();
        o.setApiVersion(owner.getApiVersion());
        o.setKind(owner.getKind());
        o.setMetadata(new ObjectMetaBuilder().withNamespace(namespace).withName(owner.getName()).withUid(owner.getUid())
                .build());
        return o;
    }

    /** The API's message, as Go's StatusError prints it. */
    private static String message(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
    }

    private static boolean namespaceTerminating(KubernetesClientException e) {
        return e.getStatus() != null && e.getStatus().getDetails() != null && e.getStatus().getDetails().getCauses() != null
                && e.getStatus().getDetails().getCauses().stream()
                        .anyMatch(c -> "NamespaceTerminating".equals(c.getReason()));
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
        delete(namespace, name, null);
    }

    @Override
    public void delete(String namespace, String name, OwnerReference owner) {
        try {
            client.pods().inNamespace(namespace).withName(name).delete();
            if (events != null && owner != null) {
                events.normal(ownerObject(namespace, owner), "SuccessfulDelete", "Deleted pod: " + name);
            }
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                if (events != null && owner != null) {
                    events.warning(ownerObject(namespace, owner), "FailedDelete", "Error deleting: " + message(e));
                }
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
