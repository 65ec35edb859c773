package io.kubelite.scheduler.binding;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * Writes bindings as kube-scheduler does: {@code POST /api/v1/namespaces/{ns}/pods/{name}/binding}
 * with a v1 Binding naming the pod's uid (so a pod deleted and re-created under the same name is
 * never bound by a stale decision). Bindings are sent asynchronously on the client's HTTP client,
 * so many can be in flight while the scheduler decides the next pods.
 */
public final class ApiPodBinder implements PodBinder {

    private final KubernetesClient client;
    private final HttpClient http;
    private final KubernetesSerialization json;
    private final String apiBase;
    private final Clock clock;

    public ApiPodBinder(KubernetesClient client, Clock clock) {
        this.client = client;
        this.http = client.getHttpClient();
        this.json = client.getKubernetesSerialization();
        String master = client.getConfiguration().getMasterUrl();
        this.apiBase = master.endsWith("/") ? master.substring(0, master.length() - 1) : master;
        this.clock = clock;
    }

    @Override
    public CompletionStage<Void> bind(Pod pod, String nodeName) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("name", name);
        metadata.put("namespace", ns);
        metadata.put("uid", pod.getMetadata().getUid());
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("apiVersion", "v1");
        binding.put("kind", "Binding");
        binding.put("metadata", metadata);
        binding.put("target", Map.of("apiVersion", "v1", "kind", "Node", "name", nodeName));
        HttpRequest request = http.newHttpRequestBuilder()
                .uri(URI.create(apiBase + "/api/v1/namespaces/" + encode(ns) + "/pods/" + encode(name) + "/binding"))
                .post("application/json", json.asJson(binding))
                .build();
        return http.sendAsync(request, String.class).thenApply(response -> {
            if (response.code() >= 300) {
                throw new BindingException(response.code(), "binding " + ns + "/" + name + " to " + nodeName
                        + " answered " + response.code() + ": " + response.body());
            }
            return null;
        });
    }

    @Override
    public void markUnschedulable(Pod pod, String message, String nominatedNodeName) {
        Map<String, Object> condition = condition("PodScheduled", "False", "Unschedulable", message);
        condition.put("lastProbeTime", null);
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("conditions", List.of(condition));
        if (nominatedNodeName != null) {
            status.put("nominatedNodeName", nominatedNodeName.isEmpty() ? null : nominatedNodeName);
        }
        patchStatus(pod, status);
    }

    @Override
    public void preempt(Pod victim, Pod preemptor) {
        String scheduler = preemptor.getSpec().getSchedulerName() == null ? "default-scheduler"
                : preemptor.getSpec().getSchedulerName();
        try {
            patchStatus(victim, Map.of("conditions", List.of(condition("DisruptionTarget", "True",
                    "PreemptionByScheduler", scheduler + ": preempting to accommodate a higher priority pod"))));
            client.pods().inNamespace(victim.getMetadata().getNamespace()).withName(victim.getMetadata().getName())
                    .delete();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    @Override
    public void clearNomination(Pod pod) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("nominatedNodeName", null);
        try {
            patchStatus(pod, status);
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
        }
    }

    private Map<String, Object> condition(String type, String status, String reason, String message) {
        Map<String, Object> condition = new LinkedHashMap<>();
        condition.put("type", type);
        condition.put("status", status);
        condition.put("lastTransitionTime",
                DateTimeFormatter.ISO_INSTANT.format(clock.instant().truncatedTo(ChronoUnit.SECONDS)));
        condition.put("reason", reason);
        condition.put("message", message);
        return condition;
    }

    /** A strategic merge patch of the status subresource (conditions merge by type). */
    private void patchStatus(Pod pod, Map<String, Object> status) {
        Map<String, Object> patch = new LinkedHashMap<>();
        patch.put("status", status);
        // resource(pod): fabric8 would otherwise GET the pod before sending the patch
        client.pods().resource(pod).subresource("status")
                .patch(PatchContext.of(PatchType.STRATEGIC_MERGE), json.asJson(patch));
    }

    private static String encode(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8);
    }
}
