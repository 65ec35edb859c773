package io.kubelite.nodeagent.ingress;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The ingress controller's settings ({@code kubelite.ingress.*}). Every key is listed in the
 * README's configuration table.
 *
 * @param enabled serve Ingresses on this node (Docker runtime only); the local cluster's second
 *                agent shares the first one's host and leaves it off
 * @param address the address it listens on; empty = the node's address ({@code kubelite.node.address})
 * @param port    its HTTP port
 * @param httpsPort its HTTPS port (the certificates of the Ingresses' {@code spec.tls} Secrets)
 */
@ConfigurationProperties("kubelite.ingress")
public record IngressProperties(
        @DefaultValue("true") boolean enabled,
        @DefaultValue("") String address,
        @DefaultValue("80") int port,
        @DefaultValue("443") int httpsPort) {
}
