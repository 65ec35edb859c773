package io.kubelite.nodeagent;

import io.kubelite.nodeagent.netpol.NetworkPolicyProperties;
import io.kubelite.nodeagent.proxy.ProxyProperties;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;

@SpringBootApplication
@EnableConfigurationProperties({NodeAgentProperties.class, ProxyProperties.class, NetworkPolicyProperties.class})
public class NodeAgentApplication {

    public static void main(String[] args) {
        SpringApplication.run(NodeAgentApplication.class, args);
    }
}
