package io.kubelite.objectstore.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.kubelite.objectstore.errors.ApiException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class ProxyTargetTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    static final JsonNode POD = JSON.readTree("""
            {"metadata":{"name":"web"},"spec":{"nodeName":"node-1","containers":[{"name":"a"},
             {"name":"b","ports":[{"containerPort":8080},{"containerPort":9090}]}]},"status":{"podIP":"172.17.0.4"}}""");
    static final JsonNode SERVICE = JSON.readTree("""
            {"spec":{"ports":[{"name":"http","port":80,"targetPort":8080},{"name":"metrics","port":9000}]}}""");
    static final JsonNode ENDPOINTS = JSON.readTree("""
            {"subsets":[{"addresses":[{"ip":"172.17.0.4","nodeName":"node-1","targetRef":{"kind":"Pod","name":"web"}}],
              "notReadyAddresses":[{"ip":"172.17.0.9","nodeName":"node-2","targetRef":{"kind":"Pod","name":"slow"}}],
              "ports":[{"name":"http","port":8080},{"name":"metrics","port":9090}]}]}""");

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "web,             '', web, ''",
            "web:8080,        '', web, 8080",
            "https:web:8443,  https, web, 8443"})
    void namesAreNameNameAndPortOrSchemeNameAndPort(String id, String scheme, String name, String port) {
        assertThat(ProxyTarget.parse(id, "pod")).isEqualTo(new ProxyTarget.Name(scheme, name, port));
    }

    @ParameterizedTest
    @CsvSource({"ftp:web:21", ":80", "a:b:c:d"})
    void otherNamesAreBadRequests(String id) {
        assertThatThrownBy(() -> ProxyTarget.parse(id, "service")).isInstanceOfSatisfying(ApiException.class, e -> {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.getMessage()).isEqualTo("invalid service request \"" + id + "\"");
        });
    }

    @Test
    void aPodWithoutAPortGetsItsFirstDeclaredContainerPort() {
        assertThat(ProxyTarget.ofPod(ProxyTarget.parse("web", "pod"), POD))
                .isEqualTo(new ProxyTarget("", "web", "node-1", "172.17.0.4", 8080));
        assertThat(ProxyTarget.ofPod(ProxyTarget.parse("web:9090", "pod"), POD).port()).isEqualTo(9090);
        JsonNode pending = JSON.readTree("{\"spec\":{\"containers\":[]},\"status\":{}}");
        assertThatThrownBy(() -> ProxyTarget.ofPod(ProxyTarget.parse("web", "pod"), pending))
                .hasMessage("address not allowed");
    }

    @Test
    void aServicePortByNumberOrNameGoesToAReadyAddressOfThatEndpointPort() {
        assertThat(ProxyTarget.ofService(ProxyTarget.parse("web:80", "service"), SERVICE, ENDPOINTS))
                .isEqualTo(new ProxyTarget("", "web", "node-1", "172.17.0.4", 8080));
        assertThat(ProxyTarget.ofService(ProxyTarget.parse("web:metrics", "service"), SERVICE, ENDPOINTS).port())
                .isEqualTo(9090);
    }

    @Test
    void aServiceWithoutSuchAPortOrEndpointsIsUnavailable() {
        assertThatThrownBy(() -> ProxyTarget.ofService(ProxyTarget.parse("web:81", "service"), SERVICE, ENDPOINTS))
                .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.code()).isEqualTo(503))
                .hasMessage("no service port 81 found for service \"web\"");
        assertThatThrownBy(() -> ProxyTarget.ofService(ProxyTarget.parse("web", "service"), SERVICE, ENDPOINTS))
                .as("no port named '' among the endpoint's ports").hasMessage("no endpoints available for service \"web\"");
        assertThatThrownBy(() -> ProxyTarget.ofService(ProxyTarget.parse("web:80", "service"), SERVICE, null))
                .hasMessage("no endpoints available for service \"web\"");
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "/api/v1/namespaces/default/services/web:80/proxy/a/b?c, /a/b?c",
            "/api/v1/namespaces/default/services/web/proxy/, /",
            "/api/v1/namespaces/default/services/web/proxy, /",
            "/api/v1/namespaces/services/services/proxyweb/proxy/x, /x",
            "/api/v1/namespaces/pods/pods/proxy/proxy/proxy/, /proxy/"})
    void theProxiedPathIsWhatFollowsTheSubresource(String uri, String rest) {
        assertThat(ProxySubresources.rest(uri)).isEqualTo(rest);
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource({
            "/api/v1/nodes/node-1/proxy/stats/summary, /stats/summary",
            "/api/v1/nodes/node-1/proxy/metrics/cadvisor, /metrics/cadvisor",
            "/api/v1/nodes/node-1/proxy/, /",
            "/api/v1/nodes/node-1/proxy, /",
            "/api/v1/nodes/proxy/proxy/proxy, /proxy"})
    void aNodesProxiedPathIsWhatFollowsItsSubresource(String uri, String rest) {
        assertThat(ProxySubresources.rest(uri, 5)).isEqualTo(rest);
    }
}
