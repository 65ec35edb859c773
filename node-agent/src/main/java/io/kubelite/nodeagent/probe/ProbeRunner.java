package io.kubelite.nodeagent.probe;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Probe;
import io.kubelite.nodeagent.runtime.ContainerRuntime;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One probe attempt, as the kubelet makes it: httpGet succeeds on a 2xx/3xx answer, tcpSocket
 * when a connection opens, exec when the command exits 0 — each within timeoutSeconds. httpGet
 * and tcpSocket go to the pod IP (a container the agent started) unless the probe names a host.
 */
public final class ProbeRunner {

    private final ContainerRuntime runtime;
    private final boolean simulated;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1))
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /** With {@code simulated} every attempt succeeds: simulated pods have nothing to answer. */
    public ProbeRunner(ContainerRuntime runtime, boolean simulated) {
        this.runtime = runtime;
        this.simulated = simulated;
    }

    /** The outcome, and for failures the message an Unhealthy event carries. */
    public record Attempt(boolean success, String message) {
    }

    public Attempt run(Probe probe, Container container, String containerId, String podIp) {
        if (simulated) {
            return new Attempt(true, "");
        }
        Duration timeout = Duration.ofSeconds(probe.getTimeoutSeconds() == null ? 1 : Math.max(1, probe.getTimeoutSeconds()));
        try {
            if (probe.getExec() != null) {
                ContainerRuntime.ExecResult result = runtime.exec(containerId, probe.getExec().getCommand(), timeout);
                return result.exitCode() == 0 ? new Attempt(true, "")
                        : new Attempt(false, result.output().isBlank() ? "command exited " + result.exitCode() : result.output().strip());
            }
            if (probe.getHttpGet() != null) {
                var get = probe.getHttpGet();
                String host = get.getHost() == null || get.getHost().isEmpty() ? podIp : get.getHost();
                int port = port(get.getPort(), container);
                String scheme = get.getScheme() == null ? "http" : get.getScheme().toLowerCase();
                String path = get.getPath() == null ? "/" : get.getPath().startsWith("/") ? get.getPath() : "/" + get.getPath();
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(scheme + "://" + host + ":" + port + path))
                        .timeout(timeout).header("User-Agent", "kube-probe/1.32").GET();
                if (get.getHttpHeaders() != null) {
                    get.getHttpHeaders().forEach(h -> request.setHeader(h.getName(), h.getValue()));
                }
                HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
                int code = response.statusCode();
                return code >= 200 && code < 400 ? new Attempt(true, "")
                        : new Attempt(false, "HTTP probe failed with statuscode: " + code);
            }
            if (probe.getTcpSocket() != null) {
                String host = probe.getTcpSocket().getHost() == null || probe.getTcpSocket().getHost().isEmpty()
                        ? podIp : probe.getTcpSocket().getHost();
                int port = port(probe.getTcpSocket().getPort(), container);
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(host, port), (int) timeout.toMillis());
                }
                return new Attempt(true, "");
            }
            return new Attempt(true, "");
        } catch (IOException e) {
            return new Attempt(false, e.getClass().getSimpleName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Attempt(false, "interrupted");
        } catch (RuntimeException e) {
            return new Attempt(false, String.valueOf(e.getMessage()));
        }
    }

    /** A number, or the name of one of the container's ports ("http" → its containerPort). */
    static int port(IntOrString port, Container container) {
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        if (container.getPorts() != null) {
            for (ContainerPort p : container.getPorts()) {
                if (port.getStrVal().equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        return Integer.parseInt(port.getStrVal());
    }
}
