package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A user's key, request and certificate as the Kubernetes documentation makes them: openssl for
 * the key and the PKCS#10 request, kubectl for the CertificateSigningRequest
 * ({@code kubernetes.io/kube-apiserver-client}, one day) and for a kubeconfig of the user's own.
 */
final class UserCertificates {

    private final Path dir;

    UserCertificates(Path dir) {
        this.dir = dir;
    }

    Path file(String name) {
        return dir.resolve(name);
    }

    void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("openssl " + String.join(" ", args) + "\n" + output).isZero();
    }

    /** A 2048-bit RSA key {@code <user>.key} and a request {@code <user>.csr} for {@code subject}, base64. */
    String request(String user, String subject) throws IOException, InterruptedException {
        openssl("genrsa", "-out", user + ".key", "2048");
        openssl("req", "-new", "-key", user + ".key", "-subj", subject, "-out", user + ".csr");
        return Base64.getEncoder().encodeToString(Files.readAllBytes(dir.resolve(user + ".csr")));
    }

    static Kubectl.Result submit(Kubectl kubectl, String name, String request) {
        return kubectl.runWithInput("""
                apiVersion: certificates.k8s.io/v1
                kind: CertificateSigningRequest
                metadata:
                  name: %s
                spec:
                  request: %s
                  signerName: kubernetes.io/kube-apiserver-client
                  expirationSeconds: 86400
                  usages:
                  - client auth
                """.formatted(name, request), "apply", "-f", "-");
    }

    /**
     * Writes the issued certificate of CSR {@code name} to {@code <user>.crt} and a copy of
     * {@code kubeconfig} with context {@code <user>} using it; kubectl on that copy.
     */
    Kubectl kubeconfigFor(Kubectl admin, Path kubeconfig, String name, String user) throws IOException {
        String certificate = admin.run("get", "csr", name, "-o", "jsonpath={.status.certificate}").stdout();
        Files.write(dir.resolve(user + ".crt"), Base64.getDecoder().decode(certificate.trim()));
        Path config = dir.resolve(user + ".kubeconfig");
        Files.copy(kubeconfig, config);
        Kubectl kubectl = new Kubectl(config);
        assertThat(kubectl.run("config", "set-credentials", user, "--client-key=" + dir.resolve(user + ".key"),
                "--client-certificate=" + dir.resolve(user + ".crt"), "--embed-certs=true").code()).isZero();
        assertThat(kubectl.run("config", "set-context", user, "--cluster=kubelite", "--user=" + user).code()).isZero();
        return kubectl;
    }
}
