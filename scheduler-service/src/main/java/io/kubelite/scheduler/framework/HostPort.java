package io.kubelite.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;

import java.util.ArrayList;
import java.util.List;

/**
 * A host port a pod claims on its node. Two claims conflict when protocol and port are equal and
 * the addresses overlap: equal, or either one is the wildcard. Example: TCP 0.0.0.0:8080 conflicts
 * with TCP 127.0.0.1:8080 but not with UDP 0.0.0.0:8080 or TCP 0.0.0.0:8081.
 */
public record HostPort(String ip, String protocol, int port) {

    static final String WILDCARD = "0.0.0.0";

    public boolean conflictsWith(HostPort other) {
        return port == other.port && protocol.equals(other.protocol)
                && (ip.equals(other.ip) || WILDCARD.equals(ip) || WILDCARD.equals(other.ip));
    }

    /** The host ports of every app container of {@code pod} (entries with {@code hostPort} 0 claim nothing). */
    public static List<HostPort> of(Pod pod) {
        List<HostPort> ports = new ArrayList<>();
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return ports;
        }
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() == null || p.getHostPort() <= 0) {
                    continue;
                }
                String ip = p.getHostIP() == null || p.getHostIP().isEmpty() ? WILDCARD : p.getHostIP();
                String protocol = p.getProtocol() == null || p.getProtocol().isEmpty() ? "TCP" : p.getProtocol();
                ports.add(new HostPort(ip, protocol, p.getHostPort()));
            }
        }
        return ports;
    }
}
