package io.kubelite.nodeagent.pod;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceEnvTest {

    static Service service(String name, String clusterIp, String... ports) {
        var spec = new ServiceBuilder().withNewMetadata().withNamespace("default").withName(name).endMetadata().withNewSpec()
                .withClusterIP(clusterIp);
        for (String p : ports) {
            // "name/port/protocol", name and protocol may be empty
            String[] f = p.split("/", -1);
            spec.addToPorts(new ServicePortBuilder().withName(f[0].isEmpty() ? null : f[0]).withPort(Integer.parseInt(f[1]))
                    .withProtocol(f[2].isEmpty() ? null : f[2]).build());
        }
        return spec.endSpec().build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("the notes' mysql Service: host, port and the Docker link variables",
                        List.of(service("mysql", "10.96.0.20", "/3306/TCP")),
                        Map.of("MYSQL_SERVICE_HOST", "10.96.0.20", "MYSQL_SERVICE_PORT", "3306",
                                "MYSQL_PORT", "tcp://10.96.0.20:3306", "MYSQL_PORT_3306_TCP", "tcp://10.96.0.20:3306",
                                "MYSQL_PORT_3306_TCP_PROTO", "tcp", "MYSQL_PORT_3306_TCP_PORT", "3306",
                                "MYSQL_PORT_3306_TCP_ADDR", "10.96.0.20")),
                Arguments.of("dashes become underscores; named ports get their own variable; the first port is the Service's",
                        List.of(service("redis-master", "10.96.0.11", "redis/6379/", "metrics/9121/UDP")),
                        Map.ofEntries(Map.entry("REDIS_MASTER_SERVICE_HOST", "10.96.0.11"),
                                Map.entry("REDIS_MASTER_SERVICE_PORT", "6379"),
                                Map.entry("REDIS_MASTER_SERVICE_PORT_REDIS", "6379"),
                                Map.entry("REDIS_MASTER_SERVICE_PORT_METRICS", "9121"),
                                Map.entry("REDIS_MASTER_PORT", "tcp://10.96.0.11:6379"),
                                Map.entry("REDIS_MASTER_PORT_6379_TCP", "tcp://10.96.0.11:6379"),
                                Map.entry("REDIS_MASTER_PORT_6379_TCP_PROTO", "tcp"),
                                Map.entry("REDIS_MASTER_PORT_6379_TCP_PORT", "6379"),
                                Map.entry("REDIS_MASTER_PORT_6379_TCP_ADDR", "10.96.0.11"),
                                Map.entry("REDIS_MASTER_PORT_9121_UDP", "udp://10.96.0.11:9121"),
                                Map.entry("REDIS_MASTER_PORT_9121_UDP_PROTO", "udp"),
                                Map.entry("REDIS_MASTER_PORT_9121_UDP_PORT", "9121"),
                                Map.entry("REDIS_MASTER_PORT_9121_UDP_ADDR", "10.96.0.11"))),
                Arguments.of("a headless Service gives nothing", List.of(service("db", "None", "/5432/TCP")), Map.of()),
                Arguments.of("a Service without a ClusterIP gives nothing", List.of(service("ext", null, "/80/TCP")), Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void givesTheVariablesKubernetesGives(String name, List<Service> services, Map<String, String> expected) {
        assertThat(ServiceEnv.of(services)).isEqualTo(expected);
    }
}
