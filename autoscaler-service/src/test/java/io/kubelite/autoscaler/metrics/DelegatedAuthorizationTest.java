package io.kubelite.autoscaler.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.autoscaler.metrics.DelegatedAuthorization.Attributes;
import io.kubelite.machinery.credential.SharedToken;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** The metrics API's paths as the RBAC attributes the SubjectAccessReview asks about. */
class DelegatedAuthorizationTest {

    static final List<String> GROUPS = List.of("system:authenticated");

    static Attributes of(String uri, String watch) {
        return DelegatedAuthorization.attributes("jane", GROUPS, uri, watch);
    }

    @Test
    void namesTheResourceNamespaceNameAndVerb() {
        assertThat(of("/apis/metrics.k8s.io/v1beta1/namespaces/dev/pods", null))
                .isEqualTo(new Attributes("jane", GROUPS, "list", "pods", "dev", ""));
        assertThat(of("/apis/metrics.k8s.io/v1beta1/namespaces/dev/pods/web-1", null))
                .isEqualTo(new Attributes("jane", GROUPS, "get", "pods", "dev", "web-1"));
        assertThat(of("/apis/metrics.k8s.io/v1beta1/pods", null))
                .isEqualTo(new Attributes("jane", GROUPS, "list", "pods", "", ""));
        assertThat(of("/apis/metrics.k8s.io/v1beta1/nodes/node-1", null))
                .isEqualTo(new Attributes("jane", GROUPS, "get", "nodes", "", "node-1"));
        assertThat(of("/apis/metrics.k8s.io/v1beta1/nodes", "true").verb()).isEqualTo("watch");
    }

    @Test
    void otherPathsAreNotResourceRequests() {
        assertThat(of("/apis/metrics.k8s.io/v1beta1/", null)).isNull();
        assertThat(of("/apis/metrics.k8s.io/v1beta1/namespaces/dev", null)).isNull();
        assertThat(of("/apis/metrics.k8s.io/v1beta1/widgets", null)).isNull();
    }

    /** A member of system:masters, who is not asked about: only the front-proxy check decides. */
    static MockFilterChain serveAsMaster(DelegatedAuthorization filter, String proxyToken, MockHttpServletResponse response)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/apis/metrics.k8s.io/v1beta1/nodes");
        request.addHeader("X-Remote-User", "admin");
        request.addHeader("X-Remote-Group", "system:masters");
        if (proxyToken != null) {
            request.addHeader(SharedToken.FRONT_PROXY_HEADER, proxyToken);
        }
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return chain;
    }

    @Test
    void withAFrontProxyTokenOnlyRequestsThroughTheGatewayAreBelieved() throws Exception {
        DelegatedAuthorization filter = new DelegatedAuthorization(null, JsonMapper.builder().build(),
                Clock.systemUTC(), Optional.of(SharedToken.of("gw-secret")));

        MockHttpServletResponse refused = new MockHttpServletResponse();
        assertThat(serveAsMaster(filter, null, refused).getRequest()).as("not passed on").isNull();
        assertThat(refused.getStatus()).isEqualTo(401);
        assertThat(refused.getContentAsString()).isEqualTo("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"metadata\":{},"
                + "\"status\":\"Failure\",\"message\":\"Unauthorized\",\"reason\":\"Unauthorized\",\"code\":401}");
        assertThat(serveAsMaster(filter, "guessed", new MockHttpServletResponse()).getRequest()).isNull();

        MockHttpServletResponse passed = new MockHttpServletResponse();
        assertThat(serveAsMaster(filter, "gw-secret", passed).getRequest()).isNotNull();
        assertThat(passed.getStatus()).isEqualTo(200);
    }
}
