package io.kubelite.dns.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.EndpointPort;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Type;

class ClusterRecordsTest {

    static Service service(String ns, String name, String type, String clusterIp, String externalName) {
        return new ServiceBuilder().withNewMetadata().withNamespace(ns).withName(name).endMetadata().withNewSpec()
                .withType(type).withClusterIP(clusterIp).withExternalName(externalName)
                .withPorts(new ServicePortBuilder().withName("http").withPort(80).withProtocol("TCP").build())
                .endSpec().build();
    }

    static final Map<String, Service> SERVICES = Map.of(
            "default/webapp", service("default", "webapp", "ClusterIP", "10.96.0.12", null),
            "prod/db", service("prod", "db", "ClusterIP", "None", null),
            "default/search", service("default", "search", "ExternalName", null, "search.example.com"));

    static final Map<String, Endpoints> ENDPOINTS = Map.of("prod/db", new EndpointsBuilder().withNewMetadata()
            .withNamespace("prod").withName("db").endMetadata().addNewSubset()
            .addNewAddress().withIp("172.17.0.5").withHostname("db-0").endAddress()
            .addNewAddress().withIp("172.17.0.6").endAddress()
            .addNewNotReadyAddress().withIp("172.17.0.7").endNotReadyAddress()
            .withPorts(new EndpointPort(null, "http", 5432, "TCP")).endSubset().build());

    static final ClusterRecords RECORDS = new ClusterRecords("cluster.local", new ClusterRecords.Directory() {
        @Override
        public Optional<Service> service(String namespace, String name) {
            return Optional.ofNullable(SERVICES.get(namespace + "/" + name));
        }

        @Override
        public Optional<Endpoints> endpoints(String namespace, String name) {
            return Optional.ofNullable(ENDPOINTS.get(namespace + "/" + name));
        }
    });

    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of("a Service's name is its ClusterIP", "webapp.default.svc.cluster.local.", Type.A,
                        Rcode.NOERROR, List.of("10.96.0.12")),
                Arguments.of("names are not case-sensitive", "WebApp.Default.SVC.cluster.local.", Type.A,
                        Rcode.NOERROR, List.of("10.96.0.12")),
                Arguments.of("a name that exists has no AAAA: empty, not NXDOMAIN", "webapp.default.svc.cluster.local.",
                        Type.AAAA, Rcode.NOERROR, List.of()),
                Arguments.of("another namespace's Service of that name does not exist", "webapp.prod.svc.cluster.local.",
                        Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("a headless Service's name is its ready endpoints", "db.prod.svc.cluster.local.", Type.A,
                        Rcode.NOERROR, List.of("172.17.0.5", "172.17.0.6")),
                Arguments.of("an endpoint's hostname under a headless Service", "db-0.db.prod.svc.cluster.local.", Type.A,
                        Rcode.NOERROR, List.of("172.17.0.5")),
                Arguments.of("an ExternalName Service is a CNAME", "search.default.svc.cluster.local.", Type.A,
                        Rcode.NOERROR, List.of("search.example.com.")),
                Arguments.of("a named port's SRV record", "_http._tcp.webapp.default.svc.cluster.local.", Type.SRV,
                        Rcode.NOERROR, List.of("0 100 80 webapp.default.svc.cluster.local.")),
                Arguments.of("a headless Service's SRV records name each endpoint",
                        "_http._tcp.db.prod.svc.cluster.local.", Type.SRV, Rcode.NOERROR,
                        List.of("0 100 5432 db-0.db.prod.svc.cluster.local.", "0 100 5432 172-17-0-6.db.prod.svc.cluster.local.")),
                Arguments.of("a port the Service lacks", "_https._tcp.webapp.default.svc.cluster.local.", Type.SRV,
                        Rcode.NXDOMAIN, List.of()),
                Arguments.of("a pod's dashed address", "172-17-0-9.default.pod.cluster.local.", Type.A, Rcode.NOERROR,
                        List.of("172.17.0.9")),
                Arguments.of("not an address", "172-17-0-999.default.pod.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("anything else in the domain", "nothing.cluster.local.", Type.A, Rcode.NXDOMAIN, List.of()),
                Arguments.of("a search-list miss (ndots:5)", "webapp.default.svc.cluster.local.default.svc.cluster.local.",
                        Type.A, Rcode.NXDOMAIN, List.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void answersLikeKubernetesDns(String what, String name, int type, int rcode, List<String> data) throws Exception {
        ClusterRecords.Answer answer = RECORDS.lookup(Name.fromString(name), type);
        assertThat(answer.rcode()).as(Rcode.string(answer.rcode())).isEqualTo(rcode);
        assertThat(answer.records()).allSatisfy(r -> assertThat(r.getTTL()).isEqualTo(5));
        assertThat(answer.records().stream().map(r -> r.rdataToString()).toList()).containsExactlyElementsOf(data);
    }
}
