package io.kubelite.machinery.table;

import static io.kubelite.machinery.table.TestObjects.NOW;
import static io.kubelite.machinery.table.TestObjects.ago;
import static io.kubelite.machinery.table.TestObjects.json;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

class ServicePrintersTest {

    private final TablePrinter services = ServicePrinters.services();
    private final TablePrinter endpoints = ServicePrinters.endpoints();

    @Test
    void hasKubernetesServiceColumns() {
        assertThat(services.columns()).extracting(Column::name).containsExactly(
                "Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age", "Selector");
        assertThat(services.columns()).extracting(Column::priority).containsExactly(0, 0, 0, 0, 0, 0, 1);
    }

    @Test
    void printsAClusterIpService() {
        JsonNode service = json("""
                {"apiVersion":"v1","kind":"Service",
                 "metadata":{"name":"redis-master","namespace":"default","creationTimestamp":"%s"},
                 "spec":{"type":"ClusterIP","clusterIP":"10.96.12.34","clusterIPs":["10.96.12.34"],
                   "selector":{"name":"redis-master"},
                   "ports":[{"port":6379,"targetPort":6379,"protocol":"TCP"}]}}
                """.formatted(ago(60)));

        assertThat(services.cells(service, NOW)).containsExactly(
                "redis-master", "ClusterIP", "10.96.12.34", "<none>", "6379/TCP", "60s", "name=redis-master");
    }

    @Test
    void printsNodePortsAfterTheServicePort() {
        JsonNode service = json("""
                {"metadata":{"name":"frontend","creationTimestamp":"%s"},
                 "spec":{"type":"NodePort","clusterIP":"10.96.0.80",
                   "selector":{"tier":"frontend","app":"guestbook"},
                   "ports":[{"name":"http","port":8080,"nodePort":30081,"protocol":"TCP"},
                            {"name":"metrics","port":8081,"protocol":"TCP"},
                            {"name":"dns","port":53,"nodePort":30053,"protocol":"UDP"}]}}
                """.formatted(ago(600)));

        assertThat(services.cells(service, NOW)).containsExactly("frontend", "NodePort", "10.96.0.80", "<none>",
                "8080:30081/TCP,8081/TCP,53:30053/UDP", "10m", "app=guestbook,tier=frontend");
    }

    @Test
    void printsPendingUntilALoadBalancerIsProvisioned() {
        JsonNode service = json("""
                {"metadata":{"name":"lb","creationTimestamp":"%s"},
                 "spec":{"type":"LoadBalancer","clusterIPs":["10.96.1.1"],
                   "ports":[{"port":80,"nodePort":31380,"protocol":"TCP"}]}}
                """.formatted(ago(5)));

        assertThat(services.cells(service, NOW).subList(1, 5))
                .containsExactly("LoadBalancer", "10.96.1.1", "<pending>", "80:31380/TCP");
    }

    @Test
    void printsLoadBalancerIngressSortedThenExternalIps() {
        JsonNode service = json("""
                {"metadata":{"name":"lb","creationTimestamp":"%s"},
                 "spec":{"type":"LoadBalancer","clusterIPs":["10.96.1.1"],"externalIPs":["192.168.1.10"],
                   "ports":[{"port":443,"nodePort":30443,"protocol":"TCP"}]},
                 "status":{"loadBalancer":{"ingress":[{"ip":"203.0.113.9"},{"hostname":"a.example.com"},
                   {"ip":"203.0.113.9"}]}}}
                """.formatted(ago(5)));

        assertThat(services.cells(service, NOW).get(3)).isEqualTo("203.0.113.9,a.example.com,192.168.1.10");
    }

    @Test
    void printsExternalNameAndHeadlessServices() {
        JsonNode externalName = json("""
                {"metadata":{"name":"db","creationTimestamp":"%s"},
                 "spec":{"type":"ExternalName","externalName":"db.example.com"}}
                """.formatted(ago(5)));
        JsonNode headless = json("""
                {"metadata":{"name":"peers","creationTimestamp":"%s"},
                 "spec":{"clusterIP":"None","clusterIPs":["None"],"externalIPs":["198.51.100.7"],
                   "ports":[{"port":7000}]}}
                """.formatted(ago(5)));

        assertThat(services.cells(externalName, NOW))
                .containsExactly("db", "ExternalName", "<none>", "db.example.com", "<none>", "5s", "<none>");
        assertThat(services.cells(headless, NOW))
                .containsExactly("peers", "ClusterIP", "None", "198.51.100.7", "7000/TCP", "5s", "<none>");
    }

    @Test
    void listsThreeEndpointsAndCountsTheRest() {
        JsonNode ep = json("""
                {"apiVersion":"v1","kind":"Endpoints",
                 "metadata":{"name":"web","namespace":"default","creationTimestamp":"%s"},
                 "subsets":[
                   {"addresses":[{"ip":"10.0.0.1"},{"ip":"10.0.0.2"}],"ports":[{"name":"http","port":80}]},
                   {"addresses":[{"ip":"10.0.0.3"},{"ip":"10.0.0.4"}],"ports":[{"name":"http","port":80}]}]}
                """.formatted(ago(300)));

        assertThat(endpoints.columns()).extracting(Column::name).containsExactly("Name", "Endpoints", "Age");
        assertThat(endpoints.cells(ep, NOW))
                .containsExactly("web", "10.0.0.1:80,10.0.0.2:80,10.0.0.3:80 + 1 more...", "5m");
    }

    @Test
    void printsEveryPortOfEveryAddressAndBareIpsWithoutPorts() {
        JsonNode twoPorts = json("""
                {"metadata":{"name":"a"},"subsets":[{"addresses":[{"ip":"10.0.0.1"}],
                  "ports":[{"port":80},{"port":443}]}]}
                """);
        JsonNode headless = json("""
                {"metadata":{"name":"b"},"subsets":[{"addresses":[{"ip":"10.0.0.1"},{"ip":"fd00::1"}]}]}
                """);
        JsonNode ipv6 = json("""
                {"metadata":{"name":"c"},"subsets":[{"addresses":[{"ip":"fd00::1"}],"ports":[{"port":80}]}]}
                """);

        assertThat(endpoints.cells(twoPorts, NOW).get(1)).isEqualTo("10.0.0.1:80,10.0.0.1:443");
        assertThat(endpoints.cells(headless, NOW).get(1)).isEqualTo("10.0.0.1,fd00::1");
        assertThat(endpoints.cells(ipv6, NOW).get(1)).isEqualTo("[fd00::1]:80");
    }

    @Test
    void printsNoneForEndpointsWithoutSubsets() {
        JsonNode ep = json("{\"metadata\":{\"name\":\"empty\",\"creationTimestamp\":\"%s\"}}".formatted(ago(2)));

        assertThat(endpoints.cells(ep, NOW)).containsExactly("empty", "<none>", "2s");
    }
}
