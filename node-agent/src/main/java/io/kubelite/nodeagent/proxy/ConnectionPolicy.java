package io.kubelite.nodeagent.proxy;

/**
 * Whether a client may reach a backend: the cluster's NetworkPolicies, which the proxy asks before
 * it joins a client to a pod (a connection through a Service never crosses the host's FORWARD
 * chain, where the packet filter judges pod-to-pod traffic).
 */
@FunctionalInterface
public interface ConnectionPolicy {

    ConnectionPolicy OPEN = (clientIp, backendIp, protocol, port) -> true;

    boolean allows(String clientIp, String backendIp, String protocol, int port);
}
