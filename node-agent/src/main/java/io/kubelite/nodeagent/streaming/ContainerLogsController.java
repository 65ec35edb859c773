package io.kubelite.nodeagent.streaming;

import io.kubelite.nodeagent.NodeAgents;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

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

    private final NodeAgents agents;
    private final PodContainers containers;

    public ContainerLogsController(NodeAgents agents, PodContainers containers) {
        this.agents = agents;
        this.containers = containers;
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
        Optional<PodContainers.Found> found = containers.find(namespace, pod, container, node);
        if (found.isEmpty()) {
            StatusResponses.write(response, HttpStatus.NOT_FOUND, "container \"" + container + "\" in pod \"" + pod
                    + "\" is not available");
            return;
        }
        List<RuntimeContainer> attempts = found.get().attempts();
        if (attempts.isEmpty()) {
            StatusResponses.write(response, HttpStatus.BAD_REQUEST, "container \"" + container + "\" in pod \"" + pod
                    + "\" is waiting to start: " + found.get().waitingReason().orElse("ContainerCreating"));
            return;
        }
        if (previous && attempts.size() < 2) {
            StatusResponses.write(response, HttpStatus.BAD_REQUEST, "previous terminated container \"" + container
                    + "\" in pod \"" + pod + "\" not found");
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
            agents.runtime().logs(target.id(), options, response.getOutputStream());
        } catch (UncheckedIOException clientGone) {
            // kubectl logs -f was interrupted
        }
    }
}
