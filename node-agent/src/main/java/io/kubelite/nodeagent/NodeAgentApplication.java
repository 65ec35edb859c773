package io.kubelite.nodeagent;

import io.kubelite.nodeagent.ingress.IngressProperties;
import io.kubelite.nodeagent.netpol.NetworkPolicyProperties;
import io.kubelite.nodeagent.proxy.ProxyProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties({NodeAgentProperties.class, ProxyProperties.class, NetworkPolicyProperties.class,
        IngressProperties.class})
public class NodeAgentApplication {

    public static void main(String[] args) {
        // the ingress controller passes on the Host header the client sent, as every ingress controller does
        System.setProperty("jdk.httpclient.allowRestrictedHeaders", "host");
        // and answers without waiting for the client's delayed ACK (Nagle on a small response costs ~40 ms)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        SpringApplication.run(NodeAgentApplication.class, args);
    }
}
