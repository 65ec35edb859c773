package io.kubelite.nodeagent.netpol;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * NetworkPolicy enforcement's settings ({@code kubelite.network-policy.*}). Every key is listed in
 * the README's configuration table.
 *
 * @param enabled    enforce NetworkPolicies on this node (Docker runtime only): the Service proxy
 *                   checks every connection, and the host's packet filter (iptables, as root) judges
 *                   pod-to-pod and outbound traffic of this node's pods
 * @param syncPeriod how often the rules are checked even without a change; changes apply at once
 */
@ConfigurationProperties("kubelite.network-policy")
public record NetworkPolicyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("10s") Duration syncPeriod) {
}
