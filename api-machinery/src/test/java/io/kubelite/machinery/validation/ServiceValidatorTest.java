package io.kubelite.machinery.validation;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class ServiceValidatorTest {

    private final ObjectValidator validator = new ObjectValidator();

    private static ServicePort port(String name, int port) {
        return new ServicePortBuilder().withName(name).withPort(port).build();
    }

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a valid service passes", (Consumer<Service>) s -> { }, List.of()),
                Arguments.of("a service name is a DNS-1035 label", (Consumer<Service>) s -> s.getMetadata().setName("1web"),
                        List.of("metadata.name: Invalid value: \"1web\": " + NameRulesTest.DNS1035_MSG)),
                Arguments.of("ports are required", (Consumer<Service>) s -> s.getSpec().setPorts(new ArrayList<>()),
                        List.of("spec.ports: Required value")),
                Arguments.of("a headless service may omit ports", (Consumer<Service>) s -> {
                    s.getSpec().setPorts(new ArrayList<>());
                    s.getSpec().setClusterIP("None");
                }, List.of()),
                Arguments.of("an ExternalName service needs no ports but a name", (Consumer<Service>) s -> {
                    s.getSpec().setPorts(new ArrayList<>());
                    s.getSpec().setType("ExternalName");
                }, List.of("spec.externalName: Required value")),
                Arguments.of("the type is known", (Consumer<Service>) s -> s.getSpec().setType("Internal"),
                        List.of("spec.type: Unsupported value: \"Internal\": supported values: \"ClusterIP\", \"ExternalName\", "
                                + "\"LoadBalancer\", \"NodePort\"")),
                Arguments.of("a port is in range", (Consumer<Service>) s -> s.getSpec().getPorts().get(0).setPort(0),
                        List.of("spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive")),
                Arguments.of("a named target port is an IANA name", (Consumer<Service>) s -> s.getSpec().getPorts().get(0)
                                .setTargetPort(new IntOrString("Http_Web")),
                        List.of("spec.ports[0].targetPort: Invalid value: \"Http_Web\": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)")),
                Arguments.of("several ports are named", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port(null, 80), port("b", 81))),
                        List.of("spec.ports[0].name: Required value")),
                Arguments.of("port names are unique", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port("web", 80), port("web", 81))),
                        List.of("spec.ports[1].name: Duplicate value: \"web\"")),
                Arguments.of("a port protocol is known", (Consumer<Service>) s -> s.getSpec().getPorts().get(0).setProtocol("ICMP"),
                        List.of("spec.ports[0].protocol: Unsupported value: \"ICMP\": supported values: \"SCTP\", \"TCP\", \"UDP\"")),
                Arguments.of("session affinity is None or ClientIP", (Consumer<Service>) s -> s.getSpec().setSessionAffinity("Cookie"),
                        List.of("spec.sessionAffinity: Unsupported value: \"Cookie\": supported values: \"ClientIP\", \"None\"")),
                Arguments.of("a ClusterIP service has no node port", (Consumer<Service>) s -> s.getSpec().getPorts().get(0).setNodePort(30080),
                        List.of("spec.ports[0].nodePort: Forbidden: may not be used when `type` is 'ClusterIP'")),
                Arguments.of("a node port lies in the node port range", (Consumer<Service>) s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().getPorts().get(0).setNodePort(8081);
                }, List.of("spec.ports[0].nodePort: Invalid value: 8081: provided port is not in the valid range. "
                        + "The range of valid ports is 30000-32767")),
                Arguments.of("a node port in range is fine", (Consumer<Service>) s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().getPorts().get(0).setNodePort(30080);
                }, List.of()),
                Arguments.of("a load balancer does not expose the kubelet port", (Consumer<Service>) s -> {
                    s.getSpec().setType("LoadBalancer");
                    s.getSpec().getPorts().get(0).setPort(10250);
                }, List.of("spec.ports[0]: Invalid value: 10250: may not expose port 10250 externally since it is used by kubelet")),
                Arguments.of("a node port service is not headless", (Consumer<Service>) s -> {
                    s.getSpec().setType("NodePort");
                    s.getSpec().setClusterIP("None");
                }, List.of("spec.clusterIPs[0]: Invalid value: \"None\": may not be set to 'None' for NodePort services")),
                Arguments.of("the same port and protocol appear once", (Consumer<Service>) s -> s.getSpec().setPorts(List.of(port("a", 80), port("b", 80))),
                        List.of("spec.ports[1]: Duplicate value: core.ServicePort{Name:\"\", Protocol:\"TCP\", AppProtocol:(*string)(nil), "
                                + "Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:\"\"}, NodePort:0}")),
                Arguments.of("internalTrafficPolicy is Cluster or Local", (Consumer<Service>) s -> s.getSpec().setInternalTrafficPolicy("Node"),
                        List.of("spec.internalTrafficPolicy: Unsupported value: \"Node\": supported values: \"Cluster\", \"Local\"")),
                Arguments.of("selector values are label values", (Consumer<Service>) s -> s.getSpec().getSelector().put("tier", "front end"),
                        List.of("spec.selector: Invalid value: \"front end\": " + NameRulesTest.LABEL_VALUE_MSG)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void validatesServices(String name, Consumer<Service> breakIt, List<String> expected) {
        Service service = Fixtures.service();
        service.getSpec().setSelector(new java.util.HashMap<>(service.getSpec().getSelector()));
        breakIt.accept(service);
        assertThat(Fixtures.messages(validator.validate(service, true))).containsExactlyInAnyOrderElementsOf(expected);
    }
}
