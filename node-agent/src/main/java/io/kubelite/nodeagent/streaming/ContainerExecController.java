package io.kubelite.nodeagent.streaming;

import io.kubelite.machinery.remotecommand.StreamProtocol;
import io.kubelite.nodeagent.NodeAgents;
import io.kubelite.nodeagent.runtime.ContainerRuntime.ExecException;
import io.kubelite.nodeagent.runtime.ContainerRuntime.ExecSession;
import io.kubelite.nodeagent.runtime.ContainerRuntime.ExecStreams;
import io.kubelite.nodeagent.runtime.RuntimeContainer;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.http.HttpStatus;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.ServletServerHttpResponse;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.server.HandshakeFailureException;
import org.springframework.web.socket.server.support.DefaultHandshakeHandler;

/**
 * The kubelet's exec endpoint, {@code /exec/{namespace}/{pod}/{container}?command=…&input=1&output=1&error=1&tty=1},
 * upgraded to a WebSocket speaking {@code v5.channel.k8s.io} or {@code v4.channel.k8s.io}
 * ({@link StreamProtocol}). The API server's {@code pods/exec} subresource relays here. Whatever
 * stops the command from starting is answered before the upgrade, as a Status: 404
 * {@code container not found ("c")} when no attempt of the container runs (the kubelet looks only
 * among running containers), 400 when the runtime refuses, 426 to a request that is not an upgrade
 * but would have been accepted — which the API server asks, without side effects, to tell kubectl's
 * SPDY fallback why its WebSocket attempt was refused.
 */
@RestController
public class ContainerExecController implements AutoCloseable {

    private final NodeAgents agents;
    private final PodContainers containers;
    private final DefaultHandshakeHandler handshake = new DefaultHandshakeHandler();
    /** One thread per running command copies its output; sessions are few and long. */
    private final ExecutorService outputCopiers = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "exec-output");
        t.setDaemon(true);
        return t;
    });

    public ContainerExecController(NodeAgents agents, PodContainers containers) {
        this.agents = agents;
        this.containers = containers;
        handshake.setSupportedProtocols(StreamProtocol.PROTOCOLS.toArray(String[]::new));
    }

    @RequestMapping(value = "/exec/{namespace}/{pod}/{container}", method = {RequestMethod.GET, RequestMethod.POST})
    public void exec(@PathVariable String namespace, @PathVariable String pod, @PathVariable String container,
            @RequestParam(name = "command", required = false) List<String> command,
            @RequestParam(defaultValue = "") String input, @RequestParam(defaultValue = "") String output,
            @RequestParam(defaultValue = "") String error, @RequestParam(defaultValue = "") String tty,
            @RequestParam(required = false) String node,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (command == null || command.isEmpty()) {
            StatusResponses.write(response, HttpStatus.BAD_REQUEST, "you must specify at least 1 command");
            return;
        }
        // with a terminal, the command's stderr is its stdout
        serve("exec", "cannot exec in container", new Target(namespace, pod, container, node),
                new Flags(input, output, error, tty), command, request, response,
                (id, streams) -> agents.runtime().attach(id, command, streams.tty()
                        ? new ExecStreams(streams.stdin(), streams.stdout(), null, true) : streams));
    }

    /**
     * The kubelet's attach endpoint, {@code /attach/{namespace}/{pod}/{container}?input=1&output=1&error=1&tty=1}:
     * the same WebSocket streams as exec, joined to the container's own process
     * ({@code kubectl attach}, {@code kubectl run -i}). Refusals come before the upgrade, as for exec.
     */
    @RequestMapping(value = "/attach/{namespace}/{pod}/{container}", method = {RequestMethod.GET, RequestMethod.POST})
    public void attach(@PathVariable String namespace, @PathVariable String pod, @PathVariable String container,
            @RequestParam(defaultValue = "") String input, @RequestParam(defaultValue = "") String output,
            @RequestParam(defaultValue = "") String error, @RequestParam(defaultValue = "") String tty,
            @RequestParam(required = false) String node,
            HttpServletRequest request, HttpServletResponse response) throws IOException {
        serve("attach", "cannot attach to container", new Target(namespace, pod, container, node),
                new Flags(input, output, error, tty), List.of(), request, response,
                (id, streams) -> agents.runtime().attachToContainer(id, streams));
    }

    /** The container a request names; {@code node} picks among the simulated nodes one agent hosts. */
    private record Target(String namespace, String pod, String container, String node) {
    }

    /** The kubelet's stream flags as sent ("1" or "true"). */
    private record Flags(String input, String output, String error, String tty) {
    }

    /** Starts a session on the container with these streams, or throws {@link ExecException}. */
    private interface Starter {
        ExecSession start(String containerId, ExecStreams streams);
    }

    /**
     * What exec and attach share: the streams asked for, a WebSocket upgrade, a container of this
     * pod; each refusal answered as a Status before the upgrade.
     */
    private void serve(String verb, String refusal, Target target, Flags flags, List<String> command,
            HttpServletRequest request, HttpServletResponse response, Starter starter) throws IOException {
        boolean stdin = flag(flags.input());
        boolean stdout = flag(flags.output());
        boolean stderr = flag(flags.error());
        if (!stdin && !stdout && !stderr) {
            StatusResponses.write(response, HttpStatus.BAD_REQUEST, "you must specify at least 1 of stdin, stdout, stderr");
            return;
        }
        // the kubelet looks only among running containers, so an exited one is "not found" too
        Optional<RuntimeContainer> current = containers.find(target.namespace(), target.pod(), target.container(),
                        target.node()).flatMap(found -> found.attempts().stream().findFirst())
                .filter(RuntimeContainer::running);
        if (current.isEmpty()) {
            StatusResponses.write(response, HttpStatus.NOT_FOUND, "container not found (\"" + target.container() + "\")");
            return;
        }
        // after the container's checks, so that a plain request learns what an upgrade would meet
        if (!"websocket".equalsIgnoreCase(request.getHeader("Upgrade"))) {
            StatusResponses.write(response, HttpStatus.UPGRADE_REQUIRED, verb + " is served over WebSocket ("
                    + String.join(", ", StreamProtocol.PROTOCOLS) + "), not " + Optional.ofNullable(
                    request.getHeader("Upgrade")).orElse("a plain request") + "; kubectl 1.29 and later use it");
            return;
        }
        WebSocketChannels channels = new WebSocketChannels();
        ExecSession session;
        try {
            session = starter.start(current.get().id(), new ExecStreams(stdin,
                    stdout ? channels.output(StreamProtocol.STDOUT) : null,
                    stderr ? channels.output(StreamProtocol.STDERR) : null, flag(flags.tty())));
        } catch (ExecException e) {
            StatusResponses.write(response, HttpStatus.BAD_REQUEST, refusal + " \"" + target.container()
                    + "\" of pod \"" + target.pod() + "\": " + e.getMessage());
            return;
        }
        upgrade(request, response, session, command, channels);
    }

    private void upgrade(HttpServletRequest request, HttpServletResponse response, ExecSession session,
            List<String> command, WebSocketChannels channels) {
        ServletServerHttpResponse upgraded = new ServletServerHttpResponse(response);
        try {
            boolean accepted = handshake.doHandshake(new ServletServerHttpRequest(request), upgraded,
                    new ExecSessionHandler(session, command, channels, outputCopiers), new HashMap<>());
            if (!accepted) {
                session.close();
            }
        } catch (HandshakeFailureException e) {
            session.close();
            throw e;
        } finally {
            upgraded.close();
        }
    }

    /** The kubelet's query flags: "1" or "true" (the API server sends "1"). */
    private static boolean flag(String value) {
        return value.equals("1") || value.equalsIgnoreCase("true");
    }

    @Override
    public void close() {
        outputCopiers.shutdownNow();
    }
}
