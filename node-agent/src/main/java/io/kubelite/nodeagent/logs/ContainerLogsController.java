package io.kubelite.nodeagent.logs;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.kubelite.controller.ObjectKey;
import io.kubelite.nodeagent.NodeAgent;
import io.kubelite.nodeagent.NodeAgents;
import io.kubelite.nodeagent.runtime.ContainerLabels;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.json.JsonMapper;

/**
 * The kubelet's log endpoint, {@code GET /containerLogs/{namespace}/{pod}/{container}}, with its
 * query parameters {@code follow}, {@code tailLines}, {@code previous}, {@code timestamps},
 * {@code sinceSeconds}. The API server's {@code pods/log} subresource proxies here (the node's
 * InternalIP and status.daemonEndpoints.kubeletEndpoint.port). Errors answer in the kubelet's
 * words, inside a Status object the API server passes on: 400 {@code container "x" in pod "p" is waiting to start: ErrImagePull}, 400
 * {@code previous terminated container "x" in pod "p" not found}, 404 {@code container "x" in pod
 * "p" is not available} (a pod this node does not run).
 */
@RestController
public class ContainerLogsController {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final NodeAgents agents;

    public ContainerLogsController(NodeAgents agents) {
        this.agents = agents;
    }

    @GetMapping("/containerLogs/{namespace}/{pod}/{container}")
    public void logs(@PathVariable String namespace, @PathVariable String pod,
            @PathVariable String container,
            @RequestParam(defaultValue = "false") boolean follow,
            @RequestParam(required = false) Integer tailLines,
            @RequestParam(defaultValue = "false") boolean previous,
            @RequestParam(defaultValue = "false") boolean timestamps,
            @RequestParam(required = false) Integer sinceSeconds,
            @RequestParam(required = false) String node,
            HttpServletResponse response) throws IOException {
        ContainerRuntime runtime = agents.runtime();
        for (NodeAgent agent : agents.agents()) {
            if (node != null && !node.equals(agent.name())) {
                continue;
            }
            Map<String, String> filter = new HashMap<>(ContainerLabels.owner(agent.owner().clusterId(), agent.name()));
            filter.put(ContainerLabels.POD_NAMESPACE, namespace);
            filter.put(ContainerLabels.POD_NAME, pod);
            filter.put(ContainerLabels.CONTAINER_NAME, container);
            List<RuntimeContainer> attempts = runtime.list(filter).stream()
                    .sorted(Comparator.comparingInt((RuntimeContainer c) -> restartCount(c)).reversed()).toList();
            if (attempts.isEmpty()) {
                Optional<String> waiting = waitingReason(agent, namespace, pod, container);
                if (waiting.isPresent()) {
                    text(response, HttpStatus.BAD_REQUEST, "container \"" + container + "\" in pod \"" + pod
                            + "\" is waiting to start: " + waiting.get());
                    return;
                }
                continue;
            }
            if (previous && attempts.size() < 2) {
                text(response, HttpStatus.BAD_REQUEST, "previous terminated container \"" + container + "\" in pod \""
                        + pod + "\" not found");
                return;
            }
            RuntimeContainer target = previous ? attempts.get(1) : attempts.get(0);
            ContainerRuntime.LogOptions options = new ContainerRuntime.LogOptions(follow && !previous, tailLines,
                    timestamps, sinceSeconds);
            // written on the request thread, straight to the servlet stream: every docker frame is
            // flushed to the client at once, which kubectl logs -f needs
            response.setStatus(200);
            response.setContentType(MediaType.TEXT_PLAIN_VALUE);
            response.flushBuffer();
            try {
                runtime.logs(target.id(), options, response.getOutputStream());
            } catch (UncheckedIOException clientGone) {
                // kubectl logs -f was interrupted
            }
            return;
        }
        text(response, HttpStatus.NOT_FOUND, "container \"" + container + "\" in pod \"" + pod + "\" is not available");
    }

    /**
     * An error as a Kubernetes Status object, so that the API server's pass-through reaches kubectl
     * as "Error from server (BadRequest): container "c" in pod "p" is waiting to start: ErrImagePull".
     */
    private static void text(HttpServletResponse response, HttpStatus status, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("kind", "Status");
        body.put("apiVersion", "v1");
        body.put("metadata", Map.of());
        body.put("status", "Failure");
        body.put("message", message);
        body.put("reason", status == HttpStatus.NOT_FOUND ? "NotFound" : "BadRequest");
        body.put("code", status.value());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.getOutputStream().write(JSON.writeValueAsBytes(body));
    }

    /** The waiting reason kubectl shows (ContainerCreating, ErrImagePull …) of a container that never started. */
    private static Optional<String> waitingReason(NodeAgent agent, String namespace, String pod, String container) {
        return agent.pods().get(new ObjectKey(namespace, pod))
                .filter(p -> p.getSpec().getContainers().stream().anyMatch(c -> c.getName().equals(container)))
                .map(p -> {
                    if (p.getStatus() != null && p.getStatus().getContainerStatuses() != null) {
                        for (ContainerStatus s : p.getStatus().getContainerStatuses()) {
                            if (s.getName().equals(container) && s.getState() != null && s.getState().getWaiting() != null) {
                                return s.getState().getWaiting().getReason();
                            }
                        }
                    }
                    return "ContainerCreating";
                });
    }

    private static int restartCount(RuntimeContainer c) {
        try {
            return Integer.parseInt(c.label(ContainerLabels.RESTART_COUNT));
        } catch (NumberFormatException e) {
            return 0;
        }
    }
}
