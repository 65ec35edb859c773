package io.kubelite.nodeagent.streaming;

import static org.assertj.core.api.Assertions.assertThat;

import io.kubelite.machinery.credential.SharedToken;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class KubeletAuthenticationTest {

    @TempDir
    Path dir;

    record Outcome(boolean served, MockHttpServletResponse response) {
    }

    /** An agent that knows only the digest of the API server's token "apiserver-7f3e". */
    KubeletAuthentication agent() throws Exception {
        Path digest = Files.writeString(dir.resolve("kubelet-client.token.sha256"),
                SharedToken.of("apiserver-7f3e").digestHex() + "  -\n");
        return new KubeletAuthentication(digest.toString(), 10250);
    }

    static Outcome serve(KubeletAuthentication filter, String path, String authorization) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Outcome(chain.getRequest() != null, response);
    }

    @Test
    void theApiServersTokenIsServed() throws Exception {
        KubeletAuthentication filter = agent();

        assertThat(serve(filter, "/exec/default/web/web", "Bearer apiserver-7f3e").served()).isTrue();
        assertThat(serve(filter, "/containerLogs/default/web/web", "bearer apiserver-7f3e").served())
                .as("the scheme in any case").isTrue();
    }

    @Test
    void anyOtherCallerGets401WithTheAgentsChallenge() throws Exception {
        KubeletAuthentication filter = agent();

        for (String authorization : new String[] {null, "Bearer ", "Bearer apiserver-7f3", "Basic YWRtaW46YWRtaW4=",
                "Bearer " + SharedToken.of("apiserver-7f3e").digestHex()}) {
            for (String path : new String[] {"/exec/default/web/web", "/attach/default/web/web",
                    "/portForward/default/web", "/containerLogs/default/web/web", "/podProxy/http/172.17.0.2/80/",
                    "/nodeProxy/node-1/stats/summary", "/actuator/metrics"}) {
                Outcome o = serve(filter, path, authorization);
                assertThat(o.served()).as("%s with %s", path, authorization).isFalse();
                assertThat(o.response().getStatus()).isEqualTo(401);
                assertThat(o.response().getHeader("WWW-Authenticate")).isEqualTo("Bearer realm=\"kubelite-node-agent\"");
                assertThat(o.response().getContentAsString()).contains("\"reason\":\"Unauthorized\"",
                        "\"message\":\"Unauthorized: this node agent serves the API server only");
            }
        }
    }

    @Test
    void healthProbesNeedNoToken() throws Exception {
        KubeletAuthentication filter = agent();

        assertThat(serve(filter, "/actuator/health", null).served()).isTrue();
        assertThat(serve(filter, "/actuator/health/readiness", null).served()).isTrue();
    }

    @Test
    void withoutADigestFileEveryCallerIsServed() throws Exception {
        KubeletAuthentication open = new KubeletAuthentication("", 10250);

        assertThat(serve(open, "/exec/default/web/web", null).served()).isTrue();
    }
}
