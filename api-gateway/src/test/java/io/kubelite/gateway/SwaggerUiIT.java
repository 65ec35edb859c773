package io.kubelite.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;

class SwaggerUiIT extends GatewayTestSupport {

    @Test
    void swaggerUiLoadsWithoutAToken() throws Exception {
        HttpResponse<String> response = send(request("/swagger-ui.html"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("swagger-ui");
    }

    @Test
    void swaggerUiListsEveryKubernetesApiDocument() throws Exception {
        HttpResponse<String> response = send(request("/v3/api-docs/swagger-config"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains(
                "/openapi/v3/api/v1",
                "/openapi/v3/apis/apps/v1",
                "/openapi/v3/apis/batch/v1",
                "/openapi/v3/apis/autoscaling/v1",
                "/openapi/v3/apis/autoscaling/v2",
                "/openapi/v3/apis/coordination.k8s.io/v1",
                "/openapi/v3/apis/rbac.authorization.k8s.io/v1");
    }

    @Test
    void openApiDocumentsComeFromTheBackendWithoutAToken() throws Exception {
        BACKEND.clearRequests();

        HttpResponse<String> response = send(request("/openapi/v3/apis/apps/v1?hash=A"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(BACKEND.nextRequest().rawPath()).isEqualTo("/openapi/v3/apis/apps/v1");
    }

    @Test
    void actuatorHealthIsUp() throws Exception {
        HttpResponse<String> response = send(request("/actuator/health"));

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("\"status\":\"UP\"");
    }
}
