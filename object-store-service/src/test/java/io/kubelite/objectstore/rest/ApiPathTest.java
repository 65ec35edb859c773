package io.kubelite.objectstore.rest;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ApiPathTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(nullValues = "-", value = {
            "/api/v1/pods,                                             '', v1, -, pods, -, -",
            "/api/v1/namespaces/default/pods,                          '', v1, default, pods, -, -",
            "/api/v1/namespaces/default/pods/web,                      '', v1, default, pods, web, -",
            "/api/v1/namespaces/default/pods/web/status,               '', v1, default, pods, web, status",
            "/api/v1/namespaces,                                       '', v1, -, namespaces, -, -",
            "/api/v1/namespaces/dev,                                   '', v1, -, namespaces, dev, -",
            "/api/v1/namespaces/dev/status,                            '', v1, -, namespaces, dev, status",
            "/api/v1/namespaces/dev/finalize,                          '', v1, -, namespaces, dev, finalize",
            "/api/v1/nodes/node-1/status,                              '', v1, -, nodes, node-1, status",
            "/apis/apps/v1/namespaces/default/deployments/web/scale,   apps, v1, default, deployments, web, scale",
            "/apis/apps/v1/deployments,                                apps, v1, -, deployments, -, -",
            "/api/v1/namespaces/default/services/web:80/proxy/a/b,     '', v1, default, services, web:80, proxy",
            "/api/v1/namespaces/default/pods/web/proxy,                '', v1, default, pods, web, proxy",
    })
    void splitsResourcePaths(String path, String group, String version, String namespace, String resource,
                             String name, String sub) {
        ApiPath p = ApiPath.parse(path).orElseThrow();
        assertThat(p).isEqualTo(new ApiPath(group, version, namespace, resource, name, sub));
    }

    @ParameterizedTest
    @CsvSource({"/api", "/apis", "/api/v1", "/apis/apps", "/apis/apps/v1",
            "/api/v1/namespaces/default/pods/web/status/extra"})
    void namesNoResourceForDiscoveryOrOverlongPaths(String path) {
        assertThat(ApiPath.parse(path)).isEmpty();
    }
}
