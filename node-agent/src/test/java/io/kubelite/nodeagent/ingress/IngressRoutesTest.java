package io.kubelite.nodeagent.ingress;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPathBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackendBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRuleBuilder;
import io.kubelite.nodeagent.ingress.IngressRoutes.Target;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IngressRoutesTest {

    /** Services web (80 → 2 ready pods), api (port "http" 8080 → 1 pod), idle (80, no pods); ns shop. */
    static final Map<String, Service> SERVICES = Map.of(
            "web", service("web", "", 80), "api", service("api", "http", 8080), "idle", service("idle", "", 80));
    static final Map<String, Endpoints> ENDPOINTS = Map.of(
            "web", endpoints("web", "", 8080, "172.17.0.2", "172.17.0.3"), "api", endpoints("api", "http", 9000, "172.17.0.4"));

    static Service service(String name, String portName, int port) {
        return new ServiceBuilder().withNewMetadata().withNamespace("shop").withName(name).endMetadata().withNewSpec()
                .addNewPort().withName(portName.isEmpty() ? null : portName).withPort(port).endPort().endSpec().build();
    }

    static Endpoints endpoints(String name, String portName, int port, String... ips) {
        return new EndpointsBuilder().withNewMetadata().withNamespace("shop").withName(name).endMetadata().addNewSubset()
                .withAddresses(Arrays.stream(ips).map(ip -> new io.fabric8.kubernetes.api.model.EndpointAddressBuilder()
                        .withIp(ip).build()).toList())
                .addNewPort().withName(portName.isEmpty() ? null : portName).withPort(port).endPort().endSubset().build();
    }

    static IngressBackend backend(String service, Object port) {
        IngressBackendBuilder b = new IngressBackendBuilder();
        return port instanceof Integer n ? b.withNewService().withName(service).withNewPort().withNumber(n).endPort()
                .endService().build()
                : b.withNewService().withName(service).withNewPort().withName((String) port).endPort().endService().build();
    }

    static Ingress ingress(String name, String created, String host, Object... paths) {
        IngressRuleBuilder rule = new IngressRuleBuilder().withHost(host).withNewHttp().endHttp();
        var rb = rule.editOrNewHttp();
        for (int i = 0; i < paths.length; i += 3) {
            rb.addToPaths(new HTTPIngressPathBuilder().withPath((String) paths[i]).withPathType((String) paths[i + 1])
                    .withBackend((IngressBackend) paths[i + 2]).build());
        }
        rule = rb.endHttp();
        return new IngressBuilder().withNewMetadata().withNamespace("shop").withName(name).withCreationTimestamp(created)
                .endMetadata().withNewSpec().withRules(rule.build()).endSpec().build();
    }

    static IngressRoutes routes(Ingress... ingresses) {
        return new IngressRoutes(List.of(ingresses), (ns, n) -> Optional.ofNullable(SERVICES.get(n)),
                (ns, n) -> Optional.ofNullable(ENDPOINTS.get(n)));
    }

    static String where(IngressRoutes routes, String host, String path) {
        return routes.route(host, path).map(t -> t.service() + ":" + t.port()).orElse("404");
    }

    final IngressRoutes shop = routes(ingress("shop", "2026-01-01T00:00:00Z", "shop.local",
            "/", "Prefix", backend("web", 80), "/api", "Prefix", backend("api", "http"),
            "/api/login", "Exact", backend("idle", 80)));

    @ParameterizedTest
    @CsvSource({
            "shop.local, /, web:80",
            "shop.local:8080, /, web:80",
            "SHOP.local, /index.html, web:80",
            "shop.local, /api, api:http",
            "shop.local, /api/, api:http",
            "shop.local, /api/items, api:http",
            "shop.local, /apiary, web:80",
            "shop.local, /api/login, idle:80",
            "shop.local, /api/login/x, api:http",
            "other.local, /, 404"})
    void theLongestMatchingPathOfTheMatchingHostWinsWholeElementsOnly(String host, String path, String expected) {
        assertThat(where(shop, host, path)).isEqualTo(expected);
    }

    @Test
    void aTargetCarriesTheReadyEndpointsOfTheServicePortByNumberOrName() {
        assertThat(shop.route("shop.local", "/")).hasValue(new Target("shop", "web", "80",
                List.of("172.17.0.2:8080", "172.17.0.3:8080")));
        assertThat(shop.route("shop.local", "/api")).hasValue(new Target("shop", "api", "http", List.of("172.17.0.4:9000")));
        assertThat(shop.route("shop.local", "/api/login")).hasValue(new Target("shop", "idle", "80", List.of()));
        IngressRoutes missing = routes(ingress("gone", "2026-01-01T00:00:00Z", "", "/", "Prefix", backend("nosuch", 80),
                "/wrong-port", "Prefix", backend("web", 81)));
        assertThat(missing.route("x", "/")).hasValue(new Target("shop", "nosuch", "80", List.of()));
        assertThat(missing.route("x", "/wrong-port")).hasValue(new Target("shop", "web", "81", List.of()));
    }

    @Test
    void exactHostsWinOverWildcardsAndWildcardsOverRulesWithoutHost() {
        IngressRoutes r = routes(
                ingress("any", "2026-01-01T00:00:00Z", null, "/", "Prefix", backend("web", 80)),
                ingress("wild", "2026-01-02T00:00:00Z", "*.example.com", "/", "Prefix", backend("api", "http")),
                ingress("exact", "2026-01-03T00:00:00Z", "www.example.com", "/", "Prefix", backend("idle", 80)));
        assertThat(where(r, "www.example.com", "/")).isEqualTo("idle:80");
        assertThat(where(r, "foo.example.com", "/x")).isEqualTo("api:http");
        assertThat(where(r, "a.b.example.com", "/")).as("one label only").isEqualTo("web:80");
        assertThat(where(r, "example.com", "/")).isEqualTo("web:80");
        assertThat(where(r, "", "/")).isEqualTo("web:80");
    }

    @Test
    void anExactPathWinsOverAPrefixOfTheSameLengthAndTheOlderIngressOverANewerOne() {
        IngressRoutes r = routes(
                ingress("newer", "2026-01-02T00:00:00Z", "", "/x", "Prefix", backend("api", "http")),
                ingress("older", "2026-01-01T00:00:00Z", "", "/x", "Prefix", backend("web", 80),
                        "/x", "Exact", backend("idle", 80)),
                ingress("impl", "2026-01-03T00:00:00Z", "", "/y", "ImplementationSpecific", backend("web", 80)));
        assertThat(where(r, "h", "/x")).isEqualTo("idle:80");
        assertThat(where(r, "h", "/x/1")).isEqualTo("web:80");
        assertThat(where(r, "h", "/y/z")).as("implementation specific: as Prefix").isEqualTo("web:80");
    }

    @Test
    void aRequestNoRuleTakesGoesToTheOldestDefaultBackend() {
        Ingress withDefault = ingress("fallback", "2026-01-05T00:00:00Z", "shop.local", "/api", "Prefix",
                backend("api", "http"));
        withDefault.getSpec().setDefaultBackend(backend("web", 80));
        Ingress older = ingress("older", "2026-01-04T00:00:00Z", "x", "/", "Prefix", backend("api", "http"));
        older.getSpec().setDefaultBackend(backend("idle", 80));
        assertThat(where(routes(withDefault), "elsewhere", "/")).isEqualTo("web:80");
        assertThat(where(routes(withDefault), "shop.local", "/api/1")).isEqualTo("api:http");
        assertThat(where(routes(withDefault, older), "elsewhere", "/")).isEqualTo("idle:80");
    }
}
