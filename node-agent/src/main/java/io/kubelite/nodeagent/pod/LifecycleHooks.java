package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.kubelite.nodeagent.probe.ProbeRunner;
import java.time.Duration;

/**
 * A container's {@code lifecycle.postStart} and {@code lifecycle.preStop} handlers, run as the
 * kubelet runs them: {@code exec} in the container, {@code httpGet} and {@code tcpSocket} against
 * the pod IP (the same ways a probe is made), {@code sleep} for its seconds — each within a
 * timeout (for preStop, the grace period). Example: {@code preStop: {exec: {command: [nginx, -s,
 * quit]}}} runs before the container gets SIGTERM, so nginx finishes its requests.
 */
final class LifecycleHooks {

    private LifecycleHooks() {
    }

    /** Runs {@code handler}; null when it succeeded, else why it failed. */
    static String run(ProbeRunner runner, LifecycleHandler handler, Container container, String containerId, String podIp,
            Duration timeout) {
        if (handler.getSleep() != null) {
            long seconds = handler.getSleep().getSeconds() == null ? 0 : handler.getSleep().getSeconds();
            try {
                Thread.sleep(Math.min(Duration.ofSeconds(seconds).toMillis(), timeout.toMillis()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        }
        Probe probe = new ProbeBuilder().withExec(handler.getExec()).withHttpGet(handler.getHttpGet())
                .withTcpSocket(handler.getTcpSocket()).withTimeoutSeconds((int) Math.max(1, timeout.toSeconds())).build();
        ProbeRunner.Attempt attempt = runner.run(probe, container, containerId, podIp);
        return attempt.success() ? null : attempt.message();
    }
}
