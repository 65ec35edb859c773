package io.kubelite.objectstore.certificates;

import io.kubelite.objectstore.ApiServerTest;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;
import org.bouncycastle.pkcs.jcajce.JcaPKCS10CertificationRequestBuilder;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Date;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * CertificateSigningRequests against a real PostgreSQL, with the identity headers the gateway
 * sets: the requester recorded from the request, kube's validation of the PKCS#10 request and
 * the fields around it, approval only through the approval subresource and only by users allowed
 * to approve for the signer, the certificate set once through status, and no client certificate
 * for {@code system:masters} by request. Every refusal leaves the stored object as it was.
 */
class CertificateSigningRequestsIT extends ApiServerTest {

    static final String CSRS = "/apis/certificates.k8s.io/v1/certificatesigningrequests";
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final String CLIENT_SIGNER = "kubernetes.io/kube-apiserver-client";

    Reply asAdmin(String method, String path, String body) {
        return as("admin", List.of("system:masters", "system:authenticated"), method, path, body);
    }

    static KeyPair ecKey() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        return generator.generateKeyPair();
    }

    static String pem(Object object) throws IOException {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(out)) {
            writer.writeObject(object);
        }
        return out.toString();
    }

    /** A base64 PEM PKCS#10 request for {@code subject}, signed by its own key. */
    static String request(String subject) throws Exception {
        KeyPair key = ecKey();
        var csr = new JcaPKCS10CertificationRequestBuilder(new X500Name(subject), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        return Base64.getEncoder().encodeToString(pem(csr).getBytes(StandardCharsets.US_ASCII));
    }

    /** A base64 PEM self-signed certificate. */
    static String certificate() throws Exception {
        KeyPair key = ecKey();
        Instant now = Instant.now();
        var holder = new JcaX509v3CertificateBuilder(new X500Name("CN=test"), BigInteger.TEN, Date.from(now),
                Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name("CN=test"), key.getPublic())
                .build(new JcaContentSignerBuilder("SHA256withECDSA").build(key.getPrivate()));
        String pem = pem(new JcaX509CertificateConverter().getCertificate(holder));
        return Base64.getEncoder().encodeToString(pem.getBytes(StandardCharsets.US_ASCII));
    }

    static String csr(String name, String request, String signer, String usages, String extra) {
        return """
                {"apiVersion":"certificates.k8s.io/v1","kind":"CertificateSigningRequest","metadata":{"name":"%s"},
                 "spec":{"request":"%s","signerName":"%s","usages":%s%s}}""".formatted(name, request, signer, usages, extra);
    }

    static String approval(JsonNode csr, String conditions) {
        var copy = (tools.jackson.databind.node.ObjectNode) csr.deepCopy();
        copy.withObjectProperty("status").set("conditions", JSON.readTree(conditions));
        return copy.toString();
    }

    @Test
    void theRequesterIsWhoAskedAndARequestCannotArriveApproved() throws Exception {
        var created = as("alice", List.of("dev", "system:masters", "system:authenticated"), "POST", CSRS,
                csr("alice-1", request("CN=alice,O=dev"), CLIENT_SIGNER, "[\"client auth\"]",
                        ",\"expirationSeconds\":3600,\"username\":\"mallory\",\"groups\":[\"system:masters\"]}"
                                + ",\"status\":{\"conditions\":[{\"type\":\"Approved\",\"status\":\"True\"}]"));
        assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
        assertThat(created.body().path("spec").path("username").asString()).isEqualTo("alice");
        assertThat(created.body().path("spec").path("groups").toString())
                .isEqualTo("[\"dev\",\"system:masters\",\"system:authenticated\"]");
        assertThat(created.body().path("status").path("conditions").isEmpty()).as("not approved by its creator").isTrue();

        var table = api.get(CSRS + "/alice-1", "application/json;as=Table;v=v1;g=meta.k8s.io");
        assertThat(table.body().path("columnDefinitions").findValuesAsString("name"))
                .containsExactly("Name", "Age", "SignerName", "Requestor", "RequestedDuration", "Condition");
        var cells = table.body().path("rows").get(0).path("cells");
        assertThat(cells.get(2).asString()).isEqualTo(CLIENT_SIGNER);
        assertThat(cells.get(3).asString()).isEqualTo("alice");
        assertThat(cells.get(4).asString()).isEqualTo("60m");
        assertThat(cells.get(5).asString()).isEqualTo("Pending");
    }

    @Test
    void refusesABadRequestInKubesWordsAndStoresNothing() throws Exception {
        String garbage = Base64.getEncoder().encodeToString("hello".getBytes(StandardCharsets.US_ASCII));
        var bad = asAdmin("POST", CSRS, csr("bad-1", garbage, "example", "[\"client auth\",\"flying\",\"client auth\"]",
                ",\"expirationSeconds\":60"));
        assertThat(bad.code()).as(bad.body().toString()).isEqualTo(422);
        assertThat(bad.message())
                .startsWith("CertificateSigningRequest.certificates.k8s.io \"bad-1\" is invalid: ")
                .contains("spec.request: Invalid value: []byte{0x68, 0x65, 0x6c, 0x6c, 0x6f}: PEM block type must be "
                        + "CERTIFICATE REQUEST")
                .contains("spec.usages[1]: Unsupported value: \"flying\": supported values: \"any\", \"cert sign\"")
                .contains("spec.usages[2]: Duplicate value: \"client auth\"")
                .contains("spec.signerName: Invalid value: \"example\": must be a fully qualified domain and path of the "
                        + "form 'example.com/signer-name'")
                .contains("spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds "
                        + "(10 minutes)");
        assertThat(asAdmin("GET", CSRS + "/bad-1", null).code()).isEqualTo(404);

        var noUsages = asAdmin("POST", CSRS, csr("bad-2", request("CN=x"), "example.com/x", "[]", ""));
        assertThat(noUsages.code()).isEqualTo(422);
        assertThat(noUsages.message()).contains("spec.usages: Required value");
        var domain = asAdmin("POST", CSRS, csr("bad-3", request("CN=x"), "example/x", "[\"client auth\"]", ""));
        assertThat(domain.message()).contains("spec.signerName: Invalid value: \"example\": should be a domain with at "
                + "least two segments separated by dots");

        // a request signed by another key than the one it carries
        String good = new String(Base64.getDecoder().decode(request("CN=x")), StandardCharsets.US_ASCII);
        String body = good.split("\n")[1];
        char flipped = body.charAt(body.length() - 3) == 'A' ? 'B' : 'A';
        String tampered = good.replace(body, body.substring(0, body.length() - 3) + flipped + body.substring(body.length() - 2));
        var forged = asAdmin("POST", CSRS, csr("bad-4",
                Base64.getEncoder().encodeToString(tampered.getBytes(StandardCharsets.US_ASCII)), "example.com/x",
                "[\"client auth\"]", ""));
        assertThat(forged.code()).isEqualTo(422);
        assertThat(forged.message()).containsAnyOf("x509: ECDSA verification failure", "x509: malformed certificate request",
                "x509: cannot verify signature");

        var notBase64 = asAdmin("POST", CSRS, csr("bad-5", "%%%", "example.com/x", "[\"client auth\"]", ""));
        assertThat(notBase64.code()).isEqualTo(400);
        assertThat(notBase64.message()).contains("illegal base64 data");
        for (String name : List.of("bad-2", "bad-3", "bad-4", "bad-5")) {
            assertThat(asAdmin("GET", CSRS + "/" + name, null).code()).as(name).isEqualTo(404);
        }
    }

    @Test
    void approvalGoesThroughItsSubresourceAndTheCertificateThroughStatusOnce() throws Exception {
        var created = asAdmin("POST", CSRS, csr("bob-1", request("CN=bob"), CLIENT_SIGNER, "[\"client auth\"]", ""));
        assertThat(created.code()).isEqualTo(201);

        // conditions written to the object or its status do not approve it
        var viaObject = asAdmin("PUT", CSRS + "/bob-1", approval(created.body(),
                "[{\"type\":\"Approved\",\"status\":\"True\",\"reason\":\"Sneaky\"}]"));
        assertThat(viaObject.code()).isEqualTo(200);
        assertThat(viaObject.body().path("status").path("conditions").isEmpty()).isTrue();
        var viaStatus = asAdmin("PUT", CSRS + "/bob-1/status", approval(viaObject.body(),
                "[{\"type\":\"Approved\",\"status\":\"True\",\"reason\":\"Sneaky\"}]"));
        assertThat(viaStatus.code()).isEqualTo(200);
        assertThat(viaStatus.body().path("status").path("conditions").isEmpty()).isTrue();

        var approved = asAdmin("PUT", CSRS + "/bob-1/approval", approval(viaStatus.body(),
                "[{\"type\":\"Approved\",\"status\":\"True\",\"reason\":\"KubectlApprove\","
                        + "\"message\":\"This CSR was approved by kubectl certificate approve.\"}]"));
        assertThat(approved.code()).as(approved.body().toString()).isEqualTo(200);
        JsonNode condition = approved.body().path("status").path("conditions").get(0);
        assertThat(condition.path("reason").asString()).isEqualTo("KubectlApprove");
        assertThat(condition.path("lastUpdateTime").asString()).isNotEmpty();
        assertThat(condition.path("lastTransitionTime").asString()).isNotEmpty();
        assertThat(approved.body().path("metadata").path("managedFields").findValuesAsString("subresource"))
                .contains("approval");

        var denied = asAdmin("PUT", CSRS + "/bob-1/approval", approval(approved.body(),
                "[{\"type\":\"Approved\",\"status\":\"True\"},{\"type\":\"Denied\",\"status\":\"True\"}]"));
        assertThat(denied.code()).isEqualTo(422);
        assertThat(denied.body().path("message").asString()).contains(
                "status.conditions[1].type: Invalid value: \"Denied\": Approved and Denied conditions are mutually exclusive");
        var unapproved = asAdmin("PUT", CSRS + "/bob-1/approval", approval(approved.body(), "[]"));
        assertThat(unapproved.code()).isEqualTo(422);
        assertThat(unapproved.body().path("message").asString())
                .contains("status.conditions: Forbidden: updates may not remove a condition of type \"Approved\"");

        var stored = asAdmin("GET", CSRS + "/bob-1", null).body();
        var certificateOnObject = (tools.jackson.databind.node.ObjectNode) stored.deepCopy();
        certificateOnObject.withObjectProperty("status").put("certificate", certificate());
        var ignored = asAdmin("PUT", CSRS + "/bob-1", certificateOnObject.toString());
        assertThat(ignored.body().path("status").has("certificate")).as("a write to the object keeps the stored status")
                .isFalse();

        var latest = ignored.body();
        var garbage = (tools.jackson.databind.node.ObjectNode) latest.deepCopy();
        garbage.withObjectProperty("status").put("certificate",
                Base64.getEncoder().encodeToString("not a certificate".getBytes(StandardCharsets.US_ASCII)));
        var badCertificate = asAdmin("PUT", CSRS + "/bob-1/status", garbage.toString());
        assertThat(badCertificate.code()).isEqualTo(422);
        assertThat(badCertificate.body().path("message").asString())
                .contains("status.certificate: Invalid value: \"<certificate data>\": must contain at least one CERTIFICATE PEM block");

        var withCertificate = (tools.jackson.databind.node.ObjectNode) latest.deepCopy();
        withCertificate.withObjectProperty("status").put("certificate", certificate());
        var issued = asAdmin("PUT", CSRS + "/bob-1/status", withCertificate.toString());
        assertThat(issued.code()).as(issued.body().toString()).isEqualTo(200);
        assertThat(issued.body().path("status").path("conditions").get(0).path("type").asString()).isEqualTo("Approved");
        var again = (tools.jackson.databind.node.ObjectNode) issued.body().deepCopy();
        again.withObjectProperty("status").put("certificate", certificate());
        var reissued = asAdmin("PUT", CSRS + "/bob-1/status", again.toString());
        assertThat(reissued.code()).isEqualTo(422);
        assertThat(reissued.body().path("message").asString())
                .contains("status.certificate: Forbidden: updates may not modify existing certificate content");

        var row = api.get(CSRS + "/bob-1", "application/json;as=Table;v=v1;g=meta.k8s.io").body().path("rows").get(0);
        assertThat(row.path("cells").get(5).asString()).isEqualTo("Approved,Issued");
        assertThat(row.path("cells").get(4).asString()).isEqualTo("<none>");
    }

    @Test
    void onlyUsersAllowedToApproveForTheSignerApprove() throws Exception {
        String rbac = "/apis/rbac.authorization.k8s.io/v1";
        asAdmin("POST", rbac + "/clusterroles", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"csr-updater"},
                 "rules":[{"apiGroups":["certificates.k8s.io"],"resources":["certificatesigningrequests",
                   "certificatesigningrequests/approval"],"verbs":["get","create","update"]}]}""");
        asAdmin("POST", rbac + "/clusterrolebindings", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"csr-updaters"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"csr-updater"},
                 "subjects":[{"kind":"User","name":"carol"},{"kind":"User","name":"dave"}]}""");
        var created = as("carol", List.of("system:authenticated"), "POST", CSRS,
                csr("carol-1", request("CN=carol"), CLIENT_SIGNER, "[\"client auth\"]", ""));
        assertThat(created.code()).as(created.body().toString()).isEqualTo(201);
        String approve = approval(created.body(), "[{\"type\":\"Approved\",\"status\":\"True\"}]");

        var refused = as("carol", List.of("system:authenticated"), "PUT", CSRS + "/carol-1/approval", approve);
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.message()).isEqualTo("certificatesigningrequests.certificates.k8s.io \"carol-1\" is forbidden: "
                + "user not permitted to approve requests with signerName \"kubernetes.io/kube-apiserver-client\"");
        assertThat(asAdmin("GET", CSRS + "/carol-1", null).body().path("status").path("conditions").isEmpty()).isTrue();

        asAdmin("POST", rbac + "/clusterroles", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRole","metadata":{"name":"approver"},
                 "rules":[{"apiGroups":["certificates.k8s.io"],"resources":["signers"],"resourceNames":["kubernetes.io/*"],
                   "verbs":["approve"]}]}""");
        asAdmin("POST", rbac + "/clusterrolebindings", """
                {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"ClusterRoleBinding","metadata":{"name":"approvers"},
                 "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"approver"},
                 "subjects":[{"kind":"User","name":"dave"}]}""");
        var allowed = as("dave", List.of("system:authenticated"), "PUT", CSRS + "/carol-1/approval", approve);
        assertThat(allowed.code()).as(allowed.body().toString()).isEqualTo(200);
        assertThat(allowed.body().path("status").path("conditions").get(0).path("type").asString()).isEqualTo("Approved");
    }

    @Test
    void noClientCertificateForSystemMastersByRequest() throws Exception {
        var refused = asAdmin("POST", CSRS, csr("root-1", request("CN=root,O=system:masters"), CLIENT_SIGNER,
                "[\"client auth\"]", ""));
        assertThat(refused.code()).isEqualTo(403);
        assertThat(refused.message()).isEqualTo("certificatesigningrequests.certificates.k8s.io \"root-1\" is forbidden: "
                + "use of kubernetes.io/kube-apiserver-client signer with system:masters group is not allowed");
        assertThat(asAdmin("GET", CSRS + "/root-1", null).code()).isEqualTo(404);
        var otherSigner = asAdmin("POST", CSRS, csr("root-2", request("CN=root,O=system:masters"), "example.com/mine",
                "[\"client auth\"]", ""));
        assertThat(otherSigner.code()).as("another signer decides for itself").isEqualTo(201);
    }
}
