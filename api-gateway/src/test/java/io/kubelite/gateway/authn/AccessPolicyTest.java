package io.kubelite.gateway.authn;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AccessPolicyTest {

    @ParameterizedTest(name = "{0} public={1}")
    @CsvSource({
            "/version, true",
            "/version/, true",
            "/healthz, true",
            "/healthz/ping, true",
            "/readyz, true",
            "/livez, true",
            "/openapi/v3, true",
            "/openapi/v3/apis/apps/v1, true",
            "/swagger-ui.html, true",
            "/webjars/swagger-ui/index.html, true",
            "/v3/api-docs/swagger-config, true",
            "/actuator/health, true",
            "/api, false",
            "/api/v1/pods, false",
            "/apis, false",
            "/apis/metrics.k8s.io/v1beta1/nodes, false",
            "/actuator/env, false",
            "/, false",
            "/versions, false",
            "/v%65rsion, false",
            "/version;x=1, false",
            "/openapi/../api/v1/secrets, false",
            "/openapi/%2e%2e/api/v1/secrets, false",
            "/openapi/..%2Fapi/v1, false",
            "//version, false",
            "/healthz/./x, false",
    })
    void onlyCanonicalPublicInfoPathsAreOpen(String path, boolean expected) {
        assertThat(AccessPolicy.isPublic(path)).isEqualTo(expected);
    }
}
