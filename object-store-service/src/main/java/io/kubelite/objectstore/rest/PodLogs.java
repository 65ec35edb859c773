package io.kubelite.objectstore.rest;

import io.kubelite.objectstore.errors.ApiException;
import io.kubelite.objectstore.resource.ResourceRegistry;
import io.kubelite.objectstore.resource.ResourceType;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * {@code GET /api/v1/namespaces/{ns}/pods/{name}/log}: checks the request as the Kubernetes API
 * server does (the pod exists, the container is named when the pod has several, the pod is on
 * a node), then streams the answer of that node's agent
 * ({@code GET http://<InternalIP>:<kubeletEndpoint port>/containerLogs/{ns}/{pod}/{container}}),
 * flushing every chunk so {@code kubectl logs -f} follows. The agent's own error answers
 * (container waiting, no previous instance) pass through with their code.
 */
@RestController
public class PodLogs {

    private static final List<String> PASSED_PARAMS = List.of("follow", "tailLines", "previous", "timestamps",
            "sinceSeconds", "sinceTime", "limitBytes");

    private final ResourceService resources;
    private final ResourceRegistry registry;
    private final TaskExecutor executor;
    private final NodeAgentAddress agents;
    private final KubeletClientCredential credential;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public PodLogs(ResourceService resources, ResourceRegistry registry,
                   @Qualifier("applicationTaskExecutor") TaskExecutor executor, NodeAgentAddress agents,
                   KubeletClientCredential credential) {
        this.resources = resources;
        this.registry = registry;
        this.executor = executor;
        this.agents = agents;
        this.credential = credential;
    }

    @GetMapping("/api/v1/namespaces/{namespace}/pods/{name}/log")
    public void log(@PathVariable String namespace, @PathVariable String name, @RequestParam Map<String, String> params,
                    HttpServletRequest request, HttpServletResponse response) throws IOException {
        ResourceType pods = type("pods");
        JsonNode pod = resources.get(pods, namespace, name).body();
        String container = container(pod, name, params.get("container"));
        String nodeName = pod.path("spec").path("nodeName").asString("");
        if (nodeName.isEmpty()) {
            throw ApiException.badRequest("pod " + name + " does not have a host assigned");
        }
        URI agent = agentUri(nodeName, namespace, name, container, params);
        HttpResponse<InputStream> answer;
        try {
            answer = http.send(credential.sign(HttpRequest.newBuilder(agent).GET()).build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (ConnectException e) {
            throw NodeAgentAddress.unavailable("the node agent of " + nodeName + " at " + agent.getAuthority()
                    + " does not answer (" + e + "); is it running? (./kubelite status)", name);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NodeAgentAddress.unavailable("interrupted while asking " + nodeName + " for logs", name);
        }
        KubeletClientCredential.checkAccepted(answer, "the node agent of " + nodeName, name);
        response.setStatus(answer.statusCode());
        response.setContentType(answer.headers().firstValue("Content-Type").orElse("text/plain"));
        response.setHeader("Cache-Control", "no-cache");
        response.flushBuffer();
        AsyncContext async = AsyncEnd.start(request);
        executor.execute(() -> {
            try (InputStream in = answer.body()) {
                OutputStream out = response.getOutputStream();
                byte[] buffer = new byte[8192];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            } catch (IOException | RuntimeException clientOrAgentGone) {
                // the client stopped following, or the agent ended the stream
            } finally {
                AsyncEnd.complete(async);
            }
        });
    }

    /** The container to read: the one named, or the pod's only container. */
    static String container(JsonNode pod, String podName, String requested) {
        List<String> names = new ArrayList<>();
        for (String field : List.of("initContainers", "containers", "ephemeralContainers")) {
            for (JsonNode c : pod.path("spec").path(field)) {
                names.add(c.path("name").asString(""));
            }
        }
        List<String> regular = new ArrayList<>();
        pod.path("spec").path("containers").forEach(c -> regular.add(c.path("name").asString("")));
        if (requested == null || requested.isEmpty()) {
            if (regular.size() == 1) {
                return regular.get(0);
            }
            StringJoiner choices = new StringJoiner(" ", "[", "]");
            regular.forEach(choices::add);
            throw ApiException.badRequest("a container name must be specified for pod " + podName + ", choose one of: "
                    + choices);
        }
        if (!names.contains(requested)) {
            throw ApiException.badRequest("container " + requested + " is not valid for pod " + podName);
        }
        return requested;
    }

    private URI agentUri(String nodeName, String namespace, String pod, String container, Map<String, String> params) {
        StringBuilder uri = new StringBuilder("http://").append(agents.authority(nodeName, pod))
                .append("/containerLogs/").append(encode(namespace)).append('/')
                .append(encode(pod)).append('/').append(encode(container));
        char sep = '?';
        for (String p : PASSED_PARAMS) {
            String value = params.get(p);
            if (value != null) {
                uri.append(sep).append(p).append('=').append(encode(value));
                sep = '&';
            }
        }
        return URI.create(uri.toString());
    }

    private ResourceType type(String resource) {
        return registry.find("", "v1", resource).orElseThrow();
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
