package io.kubelite.nodeagent.api;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.kubelite.nodeagent.pod.PodApi;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PodApi} through the API: status by merge patch of the status subresource, delete with a uid precondition. */
public final class ApiPods implements PodApi {

    private static final Logger LOG = LoggerFactory.getLogger(ApiPods.class);

    private final KubernetesClient client;

    public ApiPods(KubernetesClient client) {
        this.client = client;
    }

    @Override
    public String writeStatus(Pod pod, PodStatus status) {
        String body = Serialization.asJson(Map.of("status", status));
        Pod written;
        try {
            // resource(pod): fabric8 would otherwise GET the pod before sending the patch
            written = client.pods().resource(pod).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), body);
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                return "";
            }
            throw e;
        }
        LOG.atDebug().addKeyValue("pod", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                .addKeyValue("phase", status.getPhase()).log("Wrote pod status");
        return written == null || written.getMetadata().getResourceVersion() == null ? "" : written.getMetadata().getResourceVersion();
    }

    @Override
    public void deleteNow(Pod pod) {
        String url = client.getConfiguration().getMasterUrl().replaceAll("/$", "") + "/api/v1/namespaces/"
                + pod.getMetadata().getNamespace() + "/pods/" + pod.getMetadata().getName();
        String body = Serialization.asJson(Map.of("apiVersion", "v1", "kind", "DeleteOptions", "gracePeriodSeconds", 0,
                "preconditions", Map.of("uid", pod.getMetadata().getUid())));
        HttpRequest request = client.getHttpClient().newHttpRequestBuilder().uri(url)
                .method("DELETE", "application/json", body).build();
        try {
            HttpResponse<String> response = client.getHttpClient().sendAsync(request, String.class).get(30, TimeUnit.SECONDS);
            int code = response.code();
            if (code >= 300 && code != 404 && code != 409) {
                throw new IllegalStateException("DELETE " + url + " answered " + code + ": " + response.body());
            }
            LOG.atInfo().addKeyValue("pod", pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName())
                    .addKeyValue("uid", pod.getMetadata().getUid()).addKeyValue("code", code).log("Removed the pod from the API");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("DELETE " + url + " failed", e);
        }
    }
}
