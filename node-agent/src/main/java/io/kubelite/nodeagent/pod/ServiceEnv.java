package io.kubelite.nodeagent.pod;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The environment variables the kubelet gives every container for the Services of its namespace
 * (the notes' first way of finding a Service): Docker-link style, as Kubernetes writes them.
 *
 * <p>Example: Service {@code redis-master} with ClusterIP 10.96.0.11 and one port
 * {@code {name: redis, port: 6379}} gives
 * <pre>
 * REDIS_MASTER_SERVICE_HOST=10.96.0.11
 * REDIS_MASTER_SERVICE_PORT=6379
 * REDIS_MASTER_SERVICE_PORT_REDIS=6379
 * REDIS_MASTER_PORT=tcp://10.96.0.11:6379
 * REDIS_MASTER_PORT_6379_TCP=tcp://10.96.0.11:6379
 * REDIS_MASTER_PORT_6379_TCP_PROTO=tcp
 * REDIS_MASTER_PORT_6379_TCP_PORT=6379
 * REDIS_MASTER_PORT_6379_TCP_ADDR=10.96.0.11
 * </pre>
 * A headless Service (clusterIP None) and an ExternalName one give none.
 */
public final class ServiceEnv {

    private ServiceEnv() {
    }

    public static Map<String, String> of(List<Service> services) {
        Map<String, String> env = new LinkedHashMap<>();
        for (Service service : services) {
            if (service.getSpec() == null) {
                continue;
            }
            String ip = service.getSpec().getClusterIP();
            List<ServicePort> ports = service.getSpec().getPorts() == null ? List.of() : service.getSpec().getPorts();
            if (ip == null || ip.isEmpty() || "None".equals(ip) || ports.isEmpty()) {
                continue;
            }
            String prefix = variableName(service.getMetadata().getName());
            env.put(prefix + "_SERVICE_HOST", ip);
            env.put(prefix + "_SERVICE_PORT", Integer.toString(ports.get(0).getPort()));
            for (ServicePort port : ports) {
                if (port.getName() != null && !port.getName().isEmpty()) {
                    env.put(prefix + "_SERVICE_PORT_" + variableName(port.getName()), Integer.toString(port.getPort()));
                }
            }
            for (int i = 0; i < ports.size(); i++) {
                ServicePort port = ports.get(i);
                String protocol = port.getProtocol() == null ? "TCP" : port.getProtocol();
                String url = protocol.toLowerCase(Locale.ROOT) + "://" + ip + ":" + port.getPort();
                if (i == 0) {
                    env.put(prefix + "_PORT", url);
                }
                String portPrefix = prefix + "_PORT_" + port.getPort() + "_" + protocol.toUpperCase(Locale.ROOT);
                env.put(portPrefix, url);
                env.put(portPrefix + "_PROTO", protocol.toLowerCase(Locale.ROOT));
                env.put(portPrefix + "_PORT", Integer.toString(port.getPort()));
                env.put(portPrefix + "_ADDR", ip);
            }
        }
        return env;
    }

    private static String variableName(String name) {
        return name.replace('-', '_').toUpperCase(Locale.ROOT);
    }
}
