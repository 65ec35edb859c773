package io.kubelite.objectstore.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.kubelite.objectstore.errors.ApiException;
import java.net.URI;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KubeletClientCredentialTest {

    @TempDir
    Path dir;

    static HttpHeaders headers(Map<String, List<String>> map) {
        return HttpHeaders.of(map, (name, value) -> true);
    }

    @Test
    void requestsToAnAgentBearTheTokenOfTheFile() throws Exception {
        Path file = Files.writeString(dir.resolve("kubelet-client"), "apiserver-7f3e\n");

        HttpRequest signed = new KubeletClientCredential(file.toString())
                .sign(HttpRequest.newBuilder(URI.create("http://127.0.0.1:10250/containerLogs/a/b/c"))).build();
        HttpRequest unsigned = new KubeletClientCredential("")
                .sign(HttpRequest.newBuilder(URI.create("http://127.0.0.1:10250/containerLogs/a/b/c"))).build();

        assertThat(signed.headers().allValues("Authorization")).containsExactly("Bearer apiserver-7f3e");
        assertThat(unsigned.headers().map()).doesNotContainKey("Authorization");
    }

    @Test
    void anAgentsRefusalOfTheseCredentialsIsA503NamingBothSettings() {
        ApiException refused = catchThrowableOfType(ApiException.class, () -> KubeletClientCredential.checkAccepted(401,
                headers(Map.of("WWW-Authenticate", List.of("Bearer realm=\"kubelite-node-agent\""))),
                "the node agent of node-1", "web"));

        assertThat(refused.code()).as("not kubectl's \"You must be logged in\"").isEqualTo(503);
        assertThat(refused.getMessage()).isEqualTo("the node agent of node-1 refused the API server's credentials: its "
                + "kubelite.kubelet-client.token-sha256-file must be the SHA-256 of this API server's "
                + "kubelite.kubelet-client.token-file (./kubelite up and the Helm chart write both)");
    }

    @Test
    void aProxiedPodsOwn401PassesThrough() {
        assertThatCode(() -> KubeletClientCredential.checkAccepted(401,
                headers(Map.of("WWW-Authenticate", List.of("Basic realm=\"pod\""))), "the node agent of node-1", "web"))
                .doesNotThrowAnyException();
        assertThatCode(() -> KubeletClientCredential.checkAccepted(401, headers(Map.of()), "the node agent of node-1", "web"))
                .doesNotThrowAnyException();
    }
}
