package io.kubelite.bench;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KubeconfigTest {

    private static final String PEM = "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n";

    @Test
    void readsServerCaAndTokenOfTheCurrentContextAsKubeliteUpWritesThem() {
        String yaml = """
                apiVersion: v1
                kind: Config
                clusters:
                - name: other
                  cluster:
                    server: https://127.0.0.1:9999
                - name: kubelite
                  cluster:
                    server: https://127.0.0.1:36443
                    certificate-authority-data: %s
                users:
                - name: admin
                  user:
                    token: 0123abcd
                contexts:
                - name: default
                  context:
                    cluster: kubelite
                    user: admin
                    namespace: default
                current-context: default
                """.formatted(Base64.getEncoder().encodeToString(PEM.getBytes(StandardCharsets.US_ASCII)));

        Kubeconfig k = Kubeconfig.parse(yaml, "kubeconfig");

        assertThat(k.server()).isEqualTo(URI.create("https://127.0.0.1:36443"));
        assertThat(new String(k.caCertificatePem(), StandardCharsets.US_ASCII)).isEqualTo(PEM);
        assertThat(k.token()).isEqualTo("0123abcd");
    }

    @Test
    void plainHttpClusterHasNoCa() {
        String yaml = """
                clusters: [{name: c, cluster: {server: "http://127.0.0.1:6443"}}]
                users: [{name: u, user: {token: t}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """;
        assertThat(Kubeconfig.parse(yaml, "kubeconfig").caCertificatePem()).isNull();
    }

    @Test
    void aUserWithoutTokenIsNamedInTheError() {
        String yaml = """
                clusters: [{name: c, cluster: {server: "https://127.0.0.1:6443"}}]
                users: [{name: u, user: {client-certificate-data: abc}}]
                contexts: [{name: x, context: {cluster: c, user: u}}]
                current-context: x
                """;
        assertThatThrownBy(() -> Kubeconfig.parse(yaml, "/tmp/kc"))
                .hasMessage("/tmp/kc: users[].user.token is missing (the benchmark needs a bearer token)");
    }
}
