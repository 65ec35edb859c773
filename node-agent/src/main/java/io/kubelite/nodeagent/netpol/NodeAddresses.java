package io.kubelite.nodeagent.netpol;

import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.Collections;
import java.util.HashSet;
import java.util.Set;

/**
 * This host's own addresses (every interface's, the node's configured one among them): a
 * connection from one comes from the node, which NetworkPolicies never keep from its pods, as in
 * Kubernetes. Read again on every pass, so an interface that comes later (docker0) counts.
 */
public final class NodeAddresses {

    private NodeAddresses() {
    }

    public static Set<String> of(String configured) {
        Set<String> found = new HashSet<>();
        if (configured != null && !configured.isBlank()) {
            found.add(configured);
        }
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                for (InetAddress address : Collections.list(nic.getInetAddresses())) {
                    String ip = address.getHostAddress();
                    int zone = ip.indexOf('%');
                    found.add(zone < 0 ? ip : ip.substring(0, zone));
                }
            }
        } catch (SocketException e) {
            // the configured address and loopback still count
        }
        return found;
    }
}
