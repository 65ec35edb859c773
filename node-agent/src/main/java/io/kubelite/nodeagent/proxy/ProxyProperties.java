package io.kubelite.nodeagent.proxy;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The Service proxy's settings ({@code kubelite.proxy.*}), kube-proxy's where it has one. Every
 * key is listed in the README's configuration table.
 *
 * @param enabled           proxy Services on this node (Docker runtime only); the local cluster's
 *                          second agent shares the first one's host and leaves it off
 * @param nodePortAddresses addresses NodePorts listen on (kube-proxy's --nodeport-addresses);
 *                          empty = the node's address ({@code kubelite.node.address})
 * @param connectTimeout    how long a backend may take to accept before the next one is tried
 * @param syncPeriod        how often the rules and ClusterIP addresses are checked even without a
 *                          change (kube-proxy: 30 s); changes apply at once
 * @param loadBalancer      balance {@code type: LoadBalancer} Services without a
 *                          {@code loadBalancerClass} on the first node-port address (their
 *                          EXTERNAL-IP), as a local cluster's load balancer; off leaves them
 *                          {@code <pending>} for another implementation
 */
@ConfigurationProperties("kubelite.proxy")
public record ProxyProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue List<String> nodePortAddresses,
        @DefaultValue("1s") Duration connectTimeout,
        @DefaultValue("10s") Duration syncPeriod,
        @DefaultValue("true") boolean loadBalancer) {
}
