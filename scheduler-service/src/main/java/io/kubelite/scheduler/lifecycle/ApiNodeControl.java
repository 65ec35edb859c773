package io.kubelite.scheduler.lifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@link NodeControl} through the API: strategic merge patches on status, a guarded merge patch on taints. */
public final class ApiNodeControl implements NodeControl {

    private final KubernetesClient client;
    private final KubernetesSerialization json;
    private final Clock clock;

    public ApiNodeControl(KubernetesClient client, Clock clock) {
        this.client = client;
        this.json = client.getKubernetesSerialization();
        this.clock = clock;
    }

    @Override
    public void setReadyCondition(Node node, NodeCondition ready) {
        client.nodes().resource(node).subresource("status")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                        json.asJson(Map.of("status", Map.of("conditions", List.of(ready)))));
    }

    @Override
    public void setTaints(Node node, List<Taint> taints) {
        Map<String, Object> metadata = Map.of("resourceVersion", node.getMetadata().getResourceVersion());
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("taints", taints.isEmpty() ? null : taints);
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("metadata", metadata);
        patch.put("spec", spec);
        client.nodes().resource(node).patch(PatchContext.of(PatchType.JSON_MERGE), json.asJson(patch));
    }

    @Override
    public void markPodNotReady(Pod pod) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", "Ready");
        condition.put("status", "False");
        condition.put("lastProbeTime", null);
        condition.put("lastTransitionTime",
                DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        client.pods().resource(pod).subresource("status").patch(PatchContext.of(PatchType.STRATEGIC_MERGE),
                        json.asJson(Map.of("status", Map.of("conditions", List.of(condition)))));
    }

    @Override
    public void evict(Pod pod) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).evict();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }
}
