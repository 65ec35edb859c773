package io.kubelite.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A new user as the Kubernetes documentation makes one ("Issue a certificate for a user"), with
 * openssl and the real kubectl only: a key and a PKCS#10 request, a CertificateSigningRequest for
 * {@code kubernetes.io/kube-apiserver-client}, {@code kubectl certificate approve}, the signed
 * certificate from {@code status.certificate} in a kubeconfig of the user's own, and the API taking
 * that certificate as the user it names (CN) in the groups it names (O) — allowed only what RBAC
 * grants it. A denied request gets no certificate, and no certificate is issued for
 * {@code system:masters}.
 */
class CertificateSigningRequestIT {

    static final String NS = "certificates";
    static SuiteNamespace suite;
    static Kubectl kubectl;
    static UserCertificates users;
    static final List<String> CREATED = new ArrayList<>();

    @BeforeAll
    static void startCluster() throws IOException {
        suite = SuiteNamespace.create(NS);
        kubectl = suite.kubectl();
        users = new UserCertificates(Files.createTempDirectory("csr-users"));
    }

    @AfterAll
    static void cleanUp() {
        for (String name : CREATED) {
            kubectl.run("delete", "csr", name, "--ignore-not-found");
        }
        suite.delete();
    }

    static Kubectl.Result submit(String name, String request) {
        CREATED.add(name);
        return UserCertificates.submit(kubectl, name, request);
    }

    @Test
    void anApprovedRequestGivesACertificateTheApiTakesAsTheUserItNames() throws Exception {
        var submitted = submit("csr-jane", users.request("jane", "/CN=jane/O=dev"));
        assertThat(submitted.code()).as(submitted.all()).isZero();
        assertThat(suite.ok("get", "csr", "csr-jane").stdout())
                .containsPattern("(?m)^NAME\\s+AGE\\s+SIGNERNAME\\s+REQUESTOR\\s+REQUESTEDDURATION\\s+CONDITION")
                .containsPattern("csr-jane\\s+\\S+\\s+kubernetes.io/kube-apiserver-client\\s+admin\\s+24h\\s+Pending");

        assertThat(suite.ok("certificate", "approve", "csr-jane").stdout())
                .contains("certificatesigningrequest.certificates.k8s.io/csr-jane approved");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(kubectl.run("get", "csr", "csr-jane").stdout()).contains("Approved,Issued"));
        assertThat(suite.ok("describe", "csr", "csr-jane").stdout()).contains("Approved").contains("jane");

        Kubectl jane = users.kubeconfigFor(kubectl, suite.cluster().kubeconfig(), "csr-jane", "jane");

        var whoami = jane.run("--context=jane", "auth", "whoami");
        assertThat(whoami.code()).as(whoami.all()).isZero();
        assertThat(whoami.stdout()).containsPattern("Username\\s+jane").contains("[dev system:authenticated]");

        var forbidden = jane.run("--context=jane", "get", "pods", "-n", NS);
        assertThat(forbidden.code()).isNotZero();
        assertThat(forbidden.stderr()).contains("User \"jane\" cannot list resource \"pods\" in API group \"\" in the "
                + "namespace \"" + NS + "\"");
        suite.ok("create", "rolebinding", "csr-jane-view", "--clusterrole=view", "--user=jane", "-n", NS);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(jane.run("--context=jane", "get", "pods", "-n", NS).code()).isZero());
        assertThat(jane.run("--context=jane", "auth", "can-i", "create", "pods", "-n", NS).stdout().trim()).isEqualTo("no");
    }

    /**
     * A certificate the handshake takes and the API refuses, as kube-apiserver refuses it: here one
     * the cluster's own client CA signed for servers only (extended key usage serverAuth), naming
     * system:masters. kubectl says "You must be logged in to the server" (a 401) — on the
     * public paths too — where the handshake used to fail and kubectl reported a broken connection.
     * A certificate of another CA is not even sent: kubectl offers only certificates of the CA the
     * server names, so such a user is simply not logged in.
     */
    @Test
    void aCertificateNotMeantForClientsIsUnauthorized() throws Exception {
        java.nio.file.Path tls = suite.cluster().state.resolve("tls");
        users.openssl("req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "server-only.key", "-out",
                "server-only.csr", "-subj", "/CN=server-only/O=system:masters");
        Files.writeString(users.file("server-only.ext"), "extendedKeyUsage=serverAuth\n");
        users.openssl("x509", "-req", "-in", "server-only.csr", "-CA", tls.resolve("client-ca.crt").toString(),
                "-CAkey", tls.resolve("client-ca.key").toString(), "-CAcreateserial", "-days", "1",
                "-extfile", "server-only.ext", "-out", "server-only.crt");
        users.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", "forger.key", "-out", "forger.crt",
                "-days", "1", "-subj", "/CN=forger/O=system:masters", "-addext", "extendedKeyUsage=clientAuth");
        Kubectl clients = kubeconfigWith("server-only", "forger");

        var refused = clients.run("--context=server-only", "get", "secrets", "-A");
        assertThat(refused.code()).isNotZero();
        assertThat(refused.stderr()).contains("error: You must be logged in to the server")
                .doesNotContain("tls:").doesNotContain("bad certificate");
        var version = clients.run("--context=server-only", "get", "--raw", "/version");
        assertThat(version.code()).as("a failing certificate is refused on the public paths too").isNotZero();
        assertThat(version.stderr()).contains("Unauthorized");
        assertThat(Files.readString(suite.cluster().state.resolve("logs/api-gateway.log")))
                .contains("verifying the client certificate failed: certificate specifies an incompatible key usage");

        var forged = clients.run("--context=forger", "get", "secrets", "-A");
        assertThat(forged.code()).isNotZero();
        assertThat(forged.stderr()).contains("error: You must be logged in to the server");
    }

    /** A copy of the admin's kubeconfig with a context per user, each with {@code <user>.key} and {@code <user>.crt}. */
    private static Kubectl kubeconfigWith(String... names) throws IOException {
        Files.copy(suite.cluster().kubeconfig(), users.file("users.kubeconfig"),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Kubectl kubectl = new Kubectl(users.file("users.kubeconfig"));
        for (String name : names) {
            assertThat(kubectl.run("config", "set-credentials", name, "--client-key=" + users.file(name + ".key"),
                    "--client-certificate=" + users.file(name + ".crt"), "--embed-certs=true").code()).isZero();
            assertThat(kubectl.run("config", "set-context", name, "--cluster=kubelite", "--user=" + name).code()).isZero();
        }
        return kubectl;
    }

    @Test
    void aDeniedRequestGetsNoCertificate() throws Exception {
        var submitted = submit("csr-mallory", users.request("mallory", "/CN=mallory"));
        assertThat(submitted.code()).as(submitted.all()).isZero();
        assertThat(suite.ok("certificate", "deny", "csr-mallory").stdout())
                .contains("certificatesigningrequest.certificates.k8s.io/csr-mallory denied");
        // the signer had its chance: nothing is issued for a denied request
        TimeUnit.SECONDS.sleep(2);
        assertThat(suite.ok("get", "csr", "csr-mallory").stdout()).containsPattern("csr-mallory\\s.*\\sDenied\\s*$");
        assertThat(suite.ok("get", "csr", "csr-mallory", "-o", "jsonpath={.status.certificate}").stdout()).isEmpty();

        var approveDenied = kubectl.run("certificate", "approve", "csr-mallory");
        assertThat(approveDenied.code()).isNotZero();
        assertThat(approveDenied.stderr()).contains("certificate signing request \"csr-mallory\" is already Denied");
        assertThat(suite.ok("get", "csr", "csr-mallory").stdout()).containsPattern("csr-mallory\\s.*\\sDenied\\s*$");
    }

    @Test
    void noCertificateIsIssuedForSystemMasters() throws Exception {
        var refused = submit("csr-root", users.request("root", "/CN=root/O=system:masters"));
        assertThat(refused.code()).isNotZero();
        assertThat(refused.stderr()).contains("use of kubernetes.io/kube-apiserver-client signer with system:masters group "
                + "is not allowed");
        assertThat(kubectl.run("get", "csr", "csr-root").code()).isNotZero();

        var garbage = kubectl.runWithInput("""
                apiVersion: certificates.k8s.io/v1
                kind: CertificateSigningRequest
                metadata: {name: csr-garbage}
                spec: {request: aGVsbG8=, signerName: kubernetes.io/kube-apiserver-client, usages: [client auth]}
                """, "apply", "-f", "-");
        assertThat(garbage.code()).isNotZero();
        assertThat(garbage.stderr()).contains("spec.request: Invalid value: []byte{0x68, 0x65, 0x6c, 0x6c, 0x6f}: "
                + "PEM block type must be CERTIFICATE REQUEST");
    }
}
