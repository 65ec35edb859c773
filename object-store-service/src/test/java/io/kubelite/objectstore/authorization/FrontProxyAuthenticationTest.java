package io.kubelite.objectstore.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.machinery.credential.SharedToken;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class FrontProxyAuthenticationTest {

    static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dir;

    record Outcome(boolean passedOn, int status, JsonNode body) {
    }

    Outcome serve(FrontProxyAuthentication filter, String path, String proxyToken, String user) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (proxyToken != null) {
            request.addHeader(SharedToken.FRONT_PROXY_HEADER, proxyToken);
        }
        if (user != null) {
            request.addHeader("X-Remote-User", user);
            request.addHeader("X-Remote-Group", "system:masters");
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        String body = response.getContentAsString();
        return new Outcome(chain.getRequest() != null, response.getStatus(), body.isEmpty() ? null : JSON.readTree(body));
    }

    FrontProxyAuthentication withToken(String token) throws Exception {
        Path file = Files.writeString(dir.resolve("front-proxy.token"), token + "\n");
        return new FrontProxyAuthentication(file.toString(), 18081, JSON);
    }

    @Test
    void aRequestBearingTheGatewaysTokenIsPassedOn() throws Exception {
        Outcome o = serve(withToken("gw-secret"), "/api/v1/namespaces/default/pods", "gw-secret", "admin");

        assertThat(o.passedOn()).isTrue();
        assertThat(o.status()).isEqualTo(200);
    }

    @Test
    void aRequestWithoutTheTokenOrWithAnotherIsRefusedWithKubeApiserversUnauthorizedStatus() throws Exception {
        FrontProxyAuthentication filter = withToken("gw-secret");

        for (String presented : new String[] {null, "", "gw-secre", "gw-secret-and-more", "admin-token"}) {
            Outcome o = serve(filter, "/api/v1/secrets", presented, "admin");
            assertThat(o.passedOn()).as("token %s", presented).isFalse();
            assertThat(o.status()).isEqualTo(401);
            assertThat(o.body().path("kind").asString()).isEqualTo("Status");
            assertThat(o.body().path("status").asString()).isEqualTo("Failure");
            assertThat(o.body().path("reason").asString()).isEqualTo("Unauthorized");
            assertThat(o.body().path("message").asString()).isEqualTo("Unauthorized");
            assertThat(o.body().path("code").asInt()).isEqualTo(401);
        }
        assertThat(serve(filter, "/version", null, null).status()).as("without a user too").isEqualTo(401);
        assertThat(serve(filter, "/metrics", null, null).status()).isEqualTo(401);
        assertThat(serve(filter, "/actuator/healthcheck", null, null).status())
                .as("only the health paths themselves are open").isEqualTo(401);
    }

    @Test
    void healthProbesNeedNoToken() throws Exception {
        FrontProxyAuthentication filter = withToken("gw-secret");

        for (String path : new String[] {"/actuator/health", "/actuator/health/readiness", "/livez", "/readyz",
                "/healthz", "/readyz/etcd"}) {
            assertThat(serve(filter, path, null, null).passedOn()).as(path).isTrue();
        }
    }

    @Test
    void withoutATokenFileEveryCallerIsBelieved() throws Exception {
        FrontProxyAuthentication open = new FrontProxyAuthentication("", 18081, JSON);

        assertThat(serve(open, "/api/v1/secrets", null, "admin").passedOn()).isTrue();
        assertThat(serve(open, "/api/v1/secrets", "anything", null).passedOn()).isTrue();
    }
}
